// The national pages' loaders (issue 20): a national league read and handed to the league table as plain rows.
import { KpiTargets } from '@/components/unit/kpi-targets';
import { LeagueTable, type LeagueRow } from '@/components/rankings/league-table';
import { formatDateTime, formatLocalDay, formatNumber, formatPeriod, formatPreviousPeriod } from '@/lib/format';
import type { NamedPeriod, UnitLevel } from '@/lib/kpi';
import { getNationalUnitLeague, getProvinceLeague, type NationalLeague, type NationalRow } from '@/lib/server/queries/national';
import type { RankingKey } from '@/lib/views';
import { provinceHref } from './links';

function toLeagueRow(r: NationalRow, kpi: RankingKey): LeagueRow {
  const ratio = kpi === 'score' ? null : r.kpis[kpi];
  return {
    key: `${r.province}:${r.unit.code}`,
    unit: { code: r.unit.code, name: r.unit.name },
    rank: r.rank,
    value: r.value,
    numerator: ratio ? ratio.numerator : null,
    denominator: ratio ? ratio.denominator : null,
    sample: r.sample,
    target: r.target,
    met: r.met,
    previous: r.previous,
    rankChange: r.rankChange,
    valueChange: r.valueChange,
  };
}

const caption = (league: NationalLeague, kpiLabel: string, period: NamedPeriod, what: string) =>
  `${kpiLabel}, ${formatPeriod(period)}` +
  (league.previousPeriod
    ? `; thay đổi hạng ${formatPreviousPeriod(period)} (${formatLocalDay(league.previousPeriod.from)} – ${formatLocalDay(league.previousPeriod.to)})`
    : '') +
  `; số liệu tại ${formatDateTime(league.asOf)} (hồ sơ đang giải quyết tính đến cuối ngày cuối kỳ). ` +
  `${what} dưới ${formatNumber(league.minSample)} hồ sơ không xếp hạng.`;

function staleNote(league: NationalLeague, province: string): string | null {
  const f = league.freshness.find((p) => p.province === province);
  if (!f || f.live) return null;
  return f.asOf ? `⚠ mất kết nối từ ${formatDateTime(f.asOf)}` : '⚠ chưa kết nối';
}

/** The league of provinces, each linking to its page; a province offline says so beside its name. */
export async function ProvinceLeague({ period, kpi, kpiLabel }: { period: NamedPeriod; kpi: RankingKey; kpiLabel: string }) {
  const league = await getProvinceLeague(period, { kpi, view: period.view });
  if (league.rows.length === 0) return <p className="empty">Chưa có số liệu đơn vị của tỉnh nào.</p>;
  const rows = league.rows.map((r) => ({
    ...toLeagueRow(r, kpi),
    href: provinceHref(r.province, period, { chiso: kpi }),
    note: staleNote(league, r.province),
  }));
  return <LeagueTable rows={rows} kpi={kpi} minSample={league.minSample} caption={caption(league, kpiLabel, period, 'Tỉnh')} />;
}

/** A province's own figures: its KPIs against its targets, and its place among the provinces. */
export async function ProvinceKpis({ province, period }: { province: string; period: NamedPeriod }) {
  const league = await getProvinceLeague(period, { view: period.view, compare: false });
  const own = league.rows.filter((r) => r.province === province);
  const ranked = league.rows.filter((r) => r.rank !== null).length;
  if (own.length === 0) return <p className="empty">Chưa có số liệu đơn vị của tỉnh này trong kỳ.</p>;
  if (own.length > 1)
    // Before a merger of provinces (the view at the time, SPEC §6): each province of the time on its own row.
    return (
      <LeagueTable
        rows={own.map((r) => toLeagueRow(r, 'score'))}
        kpi="score"
        minSample={league.minSample}
        showChange={false}
        caption={caption(league, 'Điểm ước tính (766)', period, 'Tỉnh')}
      />
    );
  const row = own[0]!;
  return (
    <>
      <p>
        {row.rank === null
          ? `Không xếp hạng trong ${formatPeriod(period)} (dưới ${formatNumber(league.minSample)} hồ sơ).`
          : `Hạng ${formatNumber(row.rank)}/${formatNumber(ranked)} tỉnh theo điểm ước tính (766), ${formatPeriod(period)}.`}
      </p>
      <KpiTargets report={{ kpis: row.kpis, score: row.score }} />
    </>
  );
}

/** A national league of one level of units: one province's (ranked among themselves) or every province's together. */
export async function UnitLeague({
  level,
  period,
  kpi,
  kpiLabel,
  province,
  names,
}: {
  level: UnitLevel;
  period: NamedPeriod;
  kpi: RankingKey;
  kpiLabel: string;
  province: string | null;
  /** Each province's name (by its identity), said beside its units. */
  names: Record<string, string>;
}) {
  // The change since the previous period for one province's units; every province's together rank one period (the
  // comparison would read the roll-ups of thousands of units twice: +60–70 ms for 3,400 communes, BENCHMARKS.md).
  const compare = province !== null;
  const league = await getNationalUnitLeague(level, period, { kpi, province, view: period.view, compare });
  if (league.rows.length === 0) return <p className="empty">Không có đơn vị cấp này.</p>;
  const rows = league.rows.map((r) => ({
    ...toLeagueRow(r, kpi),
    // Each unit's province, and whether it is offline (one province's page says so once, above the table).
    note: province ? null : [names[r.province] ?? r.provinceName, staleNote(league, r.province)].filter(Boolean).join(' '),
  }));
  return (
    <LeagueTable
      rows={rows}
      kpi={kpi}
      minSample={league.minSample}
      showChange={compare}
      caption={caption(league, kpiLabel, period, 'Đơn vị')}
    />
  );
}
