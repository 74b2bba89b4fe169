// Links to the published months of the public view.
import Link from 'next/link';
import { formatMonth } from '@/lib/format';

export function PublishedMonths({ months, current }: { months: string[]; current: string }) {
  return (
    <nav aria-label="Các tháng đã công bố">
      <ul className="month-list">
        {months.map((m) => (
          <li key={m}>
            {m === current ? (
              <strong aria-current="page">{formatMonth(m)}</strong>
            ) : (
              <Link href={`/cong-khai/${m}`}>{formatMonth(m)}</Link>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
