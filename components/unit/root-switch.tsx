// The provinces of a time before a merger of provinces (SPEC §6): which one a page shows, as links carried in the URL.
import Link from 'next/link';

export interface RootChoice {
  code: string;
  name: string;
  href: string;
  current: boolean;
}

export function RootSwitch({ roots }: { roots: RootChoice[] }) {
  if (roots.length < 2) return null;
  return (
    <nav className="root-switch" aria-label="Tỉnh tại thời điểm">
      <span>Kỳ này có {roots.length} tỉnh (trước sáp nhập):</span>
      <span className="view-switch">
        {roots.map((r) => (
          <Link key={r.code} href={r.href} aria-current={r.current ? 'true' : undefined}>
            {r.name}
          </Link>
        ))}
      </span>
    </nav>
  );
}
