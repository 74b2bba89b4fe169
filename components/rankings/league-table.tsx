'use client';
// A league table: rank, change of rank since the previous period (▲▼ with words for screen readers), unit, value with
// its numerator/denominator (on hover and on keyboard focus), target and verdict (symbol and word, never colour alone),
// sample. Sortable by any column with the keyboard (buttons in the headers, aria-sort). Units below the minimum sample
// are shown unranked, after the ranked ones.
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { NO_VALUE, formatNumber, formatPercent, formatPoints } from '@/lib/format';
import { type RankingKey, type RankingRow } from '@/lib/views';

export interface LeagueRow extends RankingRow {
  /** The unit's own page, when the viewer may open it. */
  href?: string | null;
  /** The league table of the unit's children (drill-down), when it has any. */
  drill?: { href: string; label: string } | null;
  /** The row's key when unit codes may repeat (a national league: the province's identity and the code). */
  key?: string;
  /** Said after the unit's name (a national league: its province). */
  note?: string | null;
}

type SortKey = 'rank' | 'name' | 'value' | 'change' | 'sample';
const COLLATOR = new Intl.Collator('vi');

function RankChange({ change }: { change: number | null }) {
  if (change === null)
    return (
      <span className="muted" title="Không xếp hạng ở kỳ trước">
        —
      </span>
    );
  if (change === 0)
    return (
      <span className="muted" aria-label="Giữ nguyên hạng">
        =
      </span>
    );
  return change > 0 ? (
    <span className="up" aria-label={`Tăng ${change} bậc`}>
      ▲ {change}
    </span>
  ) : (
    <span className="down" aria-label={`Giảm ${-change} bậc`}>
      ▼ {-change}
    </span>
  );
}

function Verdict({ met }: { met: boolean | null }) {
  if (met === null)
    return (
      <span className="muted" title="Không có chỉ tiêu hoặc chưa có số liệu">
        —
      </span>
    );
  return met ? <span className="badge good">✓ Đạt</span> : <span className="badge bad">✗ Chưa đạt</span>;
}

/** null last whatever the direction; then by value. */
function compare(a: number | null, b: number | null, dir: 1 | -1): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return (a - b) * dir;
}

export function LeagueTable({
  rows,
  kpi,
  minSample,
  caption,
  showChange = true,
}: {
  rows: LeagueRow[];
  kpi: RankingKey;
  minSample: number;
  caption: string;
  /** The change of rank since the previous period (hidden where no previous period is compared). */
  showChange?: boolean;
}) {
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'rank', dir: 1 });
  const isScore = kpi === 'score';
  const sorted = useMemo(() => {
    const out = [...rows];
    const { key, dir } = sort;
    out.sort((a, b) => {
      switch (key) {
        case 'name':
          return COLLATOR.compare(a.unit.name, b.unit.name) * dir;
        case 'value':
          return compare(a.value, b.value, dir) || compare(a.rank, b.rank, 1);
        case 'change':
          return compare(a.rankChange, b.rankChange, dir) || compare(a.rank, b.rank, 1);
        case 'sample':
          return (a.sample - b.sample) * dir || compare(a.rank, b.rank, 1);
        default:
          return compare(a.rank, b.rank, dir) || COLLATOR.compare(a.unit.name, b.unit.name);
      }
    });
    return out;
  }, [rows, sort]);

  const header = (key: SortKey, label: string, numeric = false, firstDir: 1 | -1 = 1) => {
    const active = sort.key === key;
    return (
      <th
        scope="col"
        className={numeric ? 'num' : undefined}
        aria-sort={active ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}
      >
        <button
          type="button"
          className="sort"
          onClick={() => setSort(active ? { key, dir: sort.dir === 1 ? -1 : 1 } : { key, dir: firstDir })}
        >
          {label}
          <span aria-hidden="true">{active ? (sort.dir === 1 ? ' ↑' : ' ↓') : ' ↕'}</span>
        </button>
      </th>
    );
  };

  return (
    <div className="table-scroll">
      <table className="data league">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {header('rank', 'Hạng', true)}
            {showChange ? header('change', 'Thay đổi', false, -1) : null}
            {header('name', 'Đơn vị')}
            {header('value', isScore ? 'Điểm (766)' : 'Giá trị', true, -1)}
            <th scope="col" className="num">
              Chỉ tiêu
            </th>
            <th scope="col">Đánh giá</th>
            {header('sample', 'Số hồ sơ', true, -1)}
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => {
            const detail =
              r.value === null
                ? 'Chưa có hồ sơ trong kỳ'
                : r.numerator !== null
                  ? `${formatNumber(r.numerator)} / ${formatNumber(r.denominator ?? 0)} hồ sơ`
                  : null;
            return (
              <tr key={r.key ?? r.unit.code} data-unit={r.unit.code} className={r.rank === null ? 'unranked' : undefined}>
                <td className="num">
                  {r.rank ?? (
                    <span title={`Dưới ${formatNumber(minSample)} hồ sơ: không xếp hạng`} aria-label="Không xếp hạng">
                      —
                    </span>
                  )}
                </td>
                {showChange ? (
                  <td>
                    <RankChange change={r.rankChange} />
                  </td>
                ) : null}
                <th scope="row">
                  {r.href ? <Link href={r.href}>{r.unit.name}</Link> : r.unit.name}
                  {r.note ? <span className="muted small"> · {r.note}</span> : null}
                  {r.drill ? (
                    <>
                      {' '}
                      <Link className="drill" href={r.drill.href}>
                        {r.drill.label} ›
                      </Link>
                    </>
                  ) : null}
                  {r.rank === null ? <span className="muted small"> (dưới {formatNumber(minSample)} hồ sơ)</span> : null}
                </th>
                <td className="num">
                  {detail ? (
                    <span
                      className="tip"
                      tabIndex={0}
                      data-tip={detail}
                      aria-label={`${isScore ? formatPoints(r.value) : formatPercent(r.value)}, ${detail}`}
                    >
                      {isScore ? formatPoints(r.value) : formatPercent(r.value)}
                    </span>
                  ) : isScore ? (
                    formatPoints(r.value)
                  ) : (
                    formatPercent(r.value)
                  )}
                </td>
                <td className="num">
                  {r.target === null ? NO_VALUE : isScore ? `≥ ${formatNumber(r.target)}` : `≥ ${formatPercent(r.target)}`}
                </td>
                <td>
                  <Verdict met={r.met} />
                </td>
                <td className="num">{formatNumber(r.sample)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
