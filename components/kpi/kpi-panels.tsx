// KPI panels of the overview and the unit page: headline KPI cards (value, target, verdict, change since the previous
// period), the 766 score with a radar of its parts, the monthly trend against the targets, and the best and worst
// units. Views of plain props: their loaders (app/(dashboard)/_loaders/widgets.tsx) fetch and stream each behind its own
// Suspense boundary; every chart has a table.
import Link from 'next/link';
import { periodHref } from '@/components/period/period-filter';
import { NO_VALUE, formatMonth, formatNumber, formatPercent, formatPoints, formatPreviousPeriod } from '@/lib/format';
import { KPI_LABELS, UNIT_LEVEL_LABELS, type KpiKey, type NamedPeriod, type UnitLevel } from '@/lib/kpi';
import { TREND_KPIS, type KpiReport, type KpiTrend, type RankingRow, type Rankings, type ScoreValue } from '@/lib/views';
import { ScoreRadar, TrendChart } from './charts';

const CARD_KPIS = [
  'onTime',
  'online',
  'onlinePayment',
  'digitized',
  'satisfaction',
  'apology',
] as const satisfies readonly KpiKey[];

function Verdict({ met }: { met: boolean | null }) {
  if (met === null) return <span className="muted small">Không có chỉ tiêu</span>;
  return met ? <span className="badge good">✓ Đạt</span> : <span className="badge bad">✗ Chưa đạt</span>;
}

/**
 * The change since the previous period, in percentage points (or score points), with words for screen readers;
 * `against` names the previous period ("so với quý trước").
 */
function Change({
  now,
  before,
  unit,
  against,
}: {
  now: number | null;
  before: number | null;
  unit: 'pp' | 'points';
  against: string;
}) {
  if (now === null || before === null)
    return <span className="muted small">Kỳ trước: {unit === 'pp' ? formatPercent(before) : formatPoints(before)}</span>;
  const delta = unit === 'pp' ? (now - before) * 100 : now - before;
  const text = `${formatPoints(Math.abs(delta))} ${unit === 'pp' ? 'điểm %' : 'điểm'}`;
  if (Math.abs(delta) < 0.005) return <span className="muted small">= {against}</span>;
  return delta > 0 ? (
    <span className="up small" aria-label={`Tăng ${text} ${against}`}>
      ▲ {text} {against}
    </span>
  ) : (
    <span className="down small" aria-label={`Giảm ${text} ${against}`}>
      ▼ {text} {against}
    </span>
  );
}

/** The headline KPIs of a period (`now`), each with its change since the previous period of the same kind (`before`). */
export function KpiCards({ now, before, period }: { now: KpiReport; before: KpiReport; period: NamedPeriod }) {
  const against = formatPreviousPeriod(period);
  return (
    <div className="cards kpi-cards">
      <section className="card" aria-label="Điểm ước tính (766)">
        <h2>Điểm ước tính (766)</h2>
        <div className="value">{formatPoints(now.score.value)}</div>
        <div className="sub">
          {now.score.target === null ? 'Không có chỉ tiêu' : `Chỉ tiêu ≥ ${formatNumber(now.score.target)} điểm`}{' '}
          <Verdict met={now.score.met} />
        </div>
        <div className="sub">
          <Change now={now.score.value} before={before.score.value} unit="points" against={against} />
        </div>
      </section>
      {CARD_KPIS.map((key) => {
        const k = now.kpis[key];
        return (
          <section key={key} className="card" aria-label={KPI_LABELS[key]} data-kpi={key}>
            <h2>{KPI_LABELS[key]}</h2>
            <div className="value">
              {k.value === null ? (
                <span className="tip" tabIndex={0} data-tip="Chưa có hồ sơ trong kỳ để tính tỷ lệ này">
                  {NO_VALUE}
                </span>
              ) : (
                <span
                  className="tip"
                  tabIndex={0}
                  data-tip={`${formatNumber(k.numerator)} / ${formatNumber(k.denominator)} hồ sơ`}
                >
                  {formatPercent(k.value)}
                </span>
              )}
            </div>
            <div className="sub">
              {k.target === null ? 'Không có chỉ tiêu' : `Chỉ tiêu ≥ ${formatPercent(k.target)}`} <Verdict met={k.met} />
            </div>
            <div className="sub">
              <Change now={k.value} before={before.kpis[key].value} unit="pp" against={against} />
            </div>
          </section>
        );
      })}
    </div>
  );
}

/** The 766 score and its parts, as a radar and a table. */
export function ScorePanel({ score }: { score: ScoreValue }) {
  const parts = score.parts;
  return (
    <section className="panel" aria-labelledby="score-heading">
      <h2 id="score-heading">Điểm ước tính theo Quyết định 766: {formatPoints(score.value)} / 100</h2>
      {parts.length === 0 ? (
        <p className="empty">Chưa có hồ sơ trong kỳ để ước tính điểm.</p>
      ) : (
        <>
          <ScoreRadar parts={parts.map((p) => ({ label: KPI_LABELS[p.kpi], share: p.points === 0 ? 0 : p.earned / p.points }))} />
          <details className="chart-table">
            <summary>Xem số liệu dạng bảng</summary>
            <table className="data">
              <caption>Điểm từng chỉ số: đạt đủ điểm khi tỷ lệ đạt mức chuẩn, dưới mức chuẩn thì theo tỷ lệ</caption>
              <thead>
                <tr>
                  <th scope="col">Chỉ số</th>
                  <th scope="col" className="num">
                    Tỷ lệ
                  </th>
                  <th scope="col" className="num">
                    Mức chuẩn
                  </th>
                  <th scope="col" className="num">
                    Điểm đạt
                  </th>
                  <th scope="col" className="num">
                    Điểm tối đa
                  </th>
                </tr>
              </thead>
              <tbody>
                {parts.map((p) => (
                  <tr key={p.kpi}>
                    <th scope="row">{KPI_LABELS[p.kpi]}</th>
                    <td className="num">{formatPercent(p.value)}</td>
                    <td className="num">{formatPercent(p.target)}</td>
                    <td className="num">{formatPoints(p.earned)}</td>
                    <td className="num">{formatPoints(p.points)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
          <p className="muted small">
            Chỉ số chưa có hồ sơ trong kỳ không được tính vào cả điểm đạt lẫn điểm tối đa; điểm quy về thang 100.
          </p>
        </>
      )}
    </section>
  );
}

const shortMonth = (month: string) => `${month.slice(5, 7)}/${month.slice(2, 4)}`;

/** The monthly trend of the trend KPIs, each month against its targets. */
export function TrendPanel({ trend }: { trend: KpiTrend }) {
  const count = trend.months.length;
  const last = trend.months.at(-1)!.month;
  const empty = trend.months.every((m) => TREND_KPIS.every((k) => m.kpis[k].value === null));
  const first = trend.months[0]!.month;
  return (
    <section className="panel" aria-labelledby="trend-heading">
      <h2 id="trend-heading">
        Diễn biến {count} tháng ({formatMonth(first)} – {formatMonth(last)})
      </h2>
      {empty ? (
        <p className="empty">Chưa có hồ sơ trong {count} tháng này.</p>
      ) : (
        <>
          <div className="trend-grid">
            {TREND_KPIS.map((k) => {
              const target = trend.months.at(-1)!.kpis[k].target;
              return (
                <figure key={k}>
                  <figcaption>
                    {KPI_LABELS[k]}
                    {target !== null ? (
                      <span className="muted small"> · chỉ tiêu ≥ {formatPercent(target)} (nét đứt)</span>
                    ) : null}
                  </figcaption>
                  <TrendChart
                    target={target}
                    points={trend.months.map((m) => ({ label: shortMonth(m.month), value: m.kpis[k].value }))}
                  />
                </figure>
              );
            })}
          </div>
          <details className="chart-table">
            <summary>Xem số liệu dạng bảng</summary>
            {/* No link in the table: the scroll box itself takes the keyboard's focus, so it can be scrolled. */}
            <div className="table-scroll" role="region" aria-label="Tỷ lệ theo tháng" tabIndex={0}>
              <table className="data">
                <caption>Tỷ lệ theo tháng; “—” là tháng chưa có hồ sơ để tính</caption>
                <thead>
                  <tr>
                    <th scope="col">Tháng</th>
                    {TREND_KPIS.map((k) => (
                      <th key={k} scope="col" className="num">
                        {KPI_LABELS[k]}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {trend.months.map((m) => (
                    <tr key={m.month}>
                      <th scope="row">{shortMonth(m.month)}</th>
                      {TREND_KPIS.map((k) => {
                        const v = m.kpis[k];
                        return (
                          <td
                            key={k}
                            className="num"
                            title={
                              v.value === null ? 'Chưa có hồ sơ' : `${formatNumber(v.numerator)} / ${formatNumber(v.denominator)}`
                            }
                          >
                            {formatPercent(v.value)}
                            {v.met === false ? ' ✗' : ''}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </section>
  );
}

/** One level's league table by the 766 score, for the best and worst units. */
export interface LevelRanking {
  level: UnitLevel;
  minSample: number;
  rows: RankingRow[];
}

/**
 * The five best and five worst ranked units of the given levels, by the 766 score; `links` are the unit pages the
 * viewer may open (by unit code).
 */
export function BestWorst({
  tables,
  links,
  period,
}: {
  tables: LevelRanking[];
  links: Record<string, string | null>;
  period: NamedPeriod;
}) {
  const levels = tables.map((t) => t.level);
  const ranked = tables
    .flatMap((t) => t.rows.filter((r) => r.rank !== null && r.value !== null).map((r) => ({ ...r, level: t.level })))
    .sort((a, b) => b.value! - a.value! || a.unit.name.localeCompare(b.unit.name, 'vi'));
  if (ranked.length === 0)
    return (
      <section className="panel">
        <h2>Đơn vị cao nhất, thấp nhất</h2>
        <p className="empty">Chưa có đơn vị đủ hồ sơ để xếp hạng trong kỳ.</p>
      </section>
    );
  const best = ranked.slice(0, 5);
  // The worst five never repeat a unit of the best five (with ten or fewer ranked units, the rest).
  const worstCount = Math.min(5, ranked.length - best.length);
  const worst = worstCount > 0 ? ranked.slice(-worstCount).reverse() : [];
  const list = (rows: Array<RankingRow & { level: UnitLevel }>, title: string, id: string) => (
    <div>
      <h3 id={id}>{title}</h3>
      {/* The units' links depend on the viewer (a chair's may all be outside the own unit): focusable scroll box. */}
      <div className="table-scroll" role="region" aria-labelledby={id} tabIndex={0}>
        <table className="data" aria-labelledby={id}>
          <thead>
            <tr>
              <th scope="col">Đơn vị</th>
              <th scope="col" className="num">
                Điểm
              </th>
              <th scope="col">Đánh giá</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const link = links[r.unit.code] ?? null;
              return (
                <tr key={r.unit.code} data-unit={r.unit.code}>
                  <th scope="row">
                    {link ? <Link href={link}>{r.unit.name}</Link> : r.unit.name}{' '}
                    <span className="muted small">({UNIT_LEVEL_LABELS[r.level]})</span>
                  </th>
                  <td className="num">{formatPoints(r.value)}</td>
                  <td>
                    <Verdict met={r.met} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
  return (
    <section className="panel" aria-labelledby="best-worst">
      <h2 id="best-worst">Đơn vị cao nhất, thấp nhất (điểm 766)</h2>
      <div className="grid-2">
        {list(best, '5 đơn vị cao nhất', 'best-5')}
        {worst.length > 0 ? list(worst, '5 đơn vị thấp nhất', 'worst-5') : null}
      </div>
      <p className="muted small">
        Gồm {levels.map((l) => UNIT_LEVEL_LABELS[l].toLowerCase()).join(' và ')}; đơn vị dưới {formatNumber(tables[0]!.minSample)}{' '}
        hồ sơ không xếp hạng. <Link href={periodHref('/rankings', period)}>Xem bảng xếp hạng đầy đủ ›</Link>
      </p>
    </section>
  );
}

/** A unit's place among the units of its level in the province, by the 766 score and by the on-time rate. */
export function PeerRank({
  unit,
  score,
  onTime,
  period,
}: {
  unit: { code: string; level: UnitLevel };
  score: Rankings;
  onTime: Rankings;
  period: NamedPeriod;
}) {
  const place = (t: typeof score) => {
    const row = t.rows.find((r) => r.unit.code === unit.code);
    const ranked = t.rows.filter((r) => r.rank !== null).length;
    if (!row || row.rank === null) return `chưa xếp hạng (dưới ${formatNumber(t.minSample)} hồ sơ)`;
    const change =
      row.rankChange === null
        ? ''
        : row.rankChange > 0
          ? ` ▲ ${row.rankChange}`
          : row.rankChange < 0
            ? ` ▼ ${-row.rankChange}`
            : ' =';
    return `hạng ${row.rank}/${ranked}${change}`;
  };
  const levelLabel = UNIT_LEVEL_LABELS[unit.level].toLowerCase();
  return (
    <p className="peer-rank" data-testid="peer-rank">
      Trong các {levelLabel} của tỉnh: điểm 766 <strong>{place(score)}</strong> · tỷ lệ đúng hạn <strong>{place(onTime)}</strong>
      {' · '}
      <Link href={periodHref('/rankings', period, { cap: unit.level })}>Bảng xếp hạng ›</Link>
    </p>
  );
}
