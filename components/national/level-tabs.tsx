// The tabs of a national league's unit level (communes, districts, departments): each a link, the current one marked.
import Link from 'next/link';
import { UNIT_LEVEL_LABELS, type UnitLevel } from '@/lib/kpi';

export function LevelTabs({
  levels,
  current,
}: {
  levels: ReadonlyArray<{ level: UnitLevel; href: string }>;
  current: UnitLevel;
}) {
  return (
    <nav aria-label="Cấp đơn vị" className="no-print">
      <ul className="tabs">
        {levels.map(({ level, href }) => (
          <li key={level}>
            <Link href={href} aria-current={level === current ? 'page' : undefined}>
              {UNIT_LEVEL_LABELS[level]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
