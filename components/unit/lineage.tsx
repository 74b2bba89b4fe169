// Where a unit stands in the 2025 reorganisation (SPEC §6): a ceased unit says which units it went into ("đã sáp nhập
// vào …", with links), a new one which units it was made of, and whether their past dossiers are counted here.
import Link from 'next/link';
import { formatLocalDay, formatPercent } from '@/lib/format';
import type { UnitLineage as Lineage } from '@/lib/views';

export function UnitLineage({
  lineage,
  today,
  href,
}: {
  lineage: Lineage;
  /** YYYY-MM-DD: a unit whose validity ended before it has ceased. */
  today: string;
  /** The link to a unit's page (the same period and view), or null where the viewer may not open it. */
  href: (unit: { code: string; path: string }) => string | null;
}) {
  const ceased = lineage.validTo !== null && lineage.validTo < today;
  const name = (u: { code: string; name: string; path: string }) => {
    const to = href(u);
    return to ? <Link href={to}>{u.name}</Link> : u.name;
  };
  const share = (s: number | null) => (s === null || s === 1 ? '' : ` (${formatPercent(s)})`);
  if (!ceased && lineage.predecessors.length === 0) return null;
  return (
    <div className="notice" role="note">
      {ceased ? (
        <p>
          Đơn vị hoạt động đến hết ngày {formatLocalDay(lineage.validTo!)}
          {lineage.successors.length > 0 ? (
            <>
              {' '}
              và đã {lineage.successors.length > 1 ? 'được chia tách, sáp nhập' : 'sáp nhập'} vào{' '}
              {lineage.successors.map((s, i) => (
                <span key={s.code}>
                  {i > 0 ? ', ' : ''}
                  {name(s)}
                  {share(s.share)}
                </span>
              ))}
              .{' '}
              {lineage.representative ? (
                <>Ở cách xem “Đơn vị hiện nay”, hồ sơ của đơn vị được tính cho {name(lineage.representative)}.</>
              ) : null}
            </>
          ) : (
            <>
              .{' '}
              {lineage.representative ? (
                <>Ở cách xem “Đơn vị hiện nay”, hồ sơ của đơn vị được tính cho {name(lineage.representative)}.</>
              ) : null}
            </>
          )}
        </p>
      ) : null}
      {lineage.predecessors.length > 0 ? (
        <p>
          Hình thành từ {lineage.predecessors.length} đơn vị (từ ngày {formatLocalDay(lineage.predecessors[0]!.effectiveOn)}):{' '}
          {lineage.predecessors.map((p, i) => (
            <span key={p.code}>
              {i > 0 ? ', ' : ''}
              {name(p)}
              {share(p.share)}
              {p.counted ? '' : ' — hồ sơ tính cho đơn vị kế thừa chính khác'}
            </span>
          ))}
          . Số liệu các kỳ trước ở cách xem “Đơn vị hiện nay” gồm hồ sơ của các đơn vị này.
        </p>
      ) : null}
    </div>
  );
}
