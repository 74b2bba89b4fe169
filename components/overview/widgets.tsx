// The overview widgets of a unit's period (the province on Tổng quan, any unit on its own page): KPI cards and the
// table of its child units. Views of an Overview; loaded by app/(dashboard)/_loaders/widgets.tsx.
import { StatCard } from '@/components/ui/stat-card';
import { UnitCountsTable } from '@/components/ui/unit-counts-table';
import { formatDateTime, formatLocalDay, formatNumber, formatPercent, formatPeriod } from '@/lib/format';
import { UNIT_LEVEL_LABELS, type NamedPeriod, type UnitLevel } from '@/lib/kpi';
import type { Overview } from '@/lib/views';

export function OverviewCards({ overview: o }: { overview: Overview }) {
  if (!o.unit) {
    return <p className="empty">Chưa có dữ liệu đơn vị. Hãy nạp danh mục đơn vị và hồ sơ (xem README).</p>;
  }
  const t = o.totals;
  return (
    <>
      <div className="cards">
        <StatCard title="Tiếp nhận trong kỳ" value={formatNumber(t.received)} />
        <StatCard
          title="Đã giải quyết"
          value={formatNumber(t.resolved)}
          sub={`${formatNumber(t.resolvedOnTime)} hồ sơ đúng hạn, trước hạn`}
        />
        <StatCard
          title="Tỷ lệ đúng hạn (766)"
          value={formatPercent(t.onTime.value)}
          sub={
            t.onTime.value === null
              ? 'Chưa có hồ sơ trong kỳ'
              : `${formatNumber(t.onTime.numerator)} / ${formatNumber(t.onTime.denominator)} hồ sơ đã và đang giải quyết`
          }
        />
        <StatCard title="Đang giải quyết" value={formatNumber(t.pending)} sub={`tại ${formatDateTime(o.asOf)}`} />
        <StatCard
          title="Quá hạn"
          value={formatNumber(t.pendingLate)}
          alert={t.pendingLate > 0}
          sub={`Đang giải quyết đã quá hạn tại ${formatDateTime(o.asOf)}`}
        />
      </div>
      <p className="muted" style={{ marginTop: -8, fontSize: '.85rem' }}>
        {o.unit.name} · kỳ {formatLocalDay(o.period.from)} – {formatLocalDay(o.period.to)}
      </p>
    </>
  );
}

/**
 * The table of a unit's child units; `province`: the overview of the whole province (its departments and districts);
 * `href`: the page of a unit the viewer may open, or null.
 */
export function OverviewTable({
  overview: o,
  period,
  province,
  href,
}: {
  overview: Overview;
  period: NamedPeriod;
  province: boolean;
  href?: (unit: { code: string; path: string }) => string | null;
}) {
  if (!o.unit || o.rows.length === 0) return null;
  const total = o.totals;
  return (
    <section className="panel" aria-labelledby="units-heading">
      <h2 id="units-heading">{province ? levelsHeading(o.rows.map((r) => r.level)) : 'Đơn vị trực thuộc'}</h2>
      {total.received === 0 && total.resolved === 0 && total.pending === 0 ? (
        <p className="empty">Chưa có hồ sơ trong kỳ {formatPeriod(period)}.</p>
      ) : (
        <UnitCountsTable caption={`Số hồ sơ ${formatPeriod(period)}, gồm cả các đơn vị cấp dưới`} rows={o.rows} href={href} />
      )}
    </section>
  );
}

/** "Sở, ban, ngành và huyện, thành phố" before 1/7/2025, "Sở, ban, ngành và xã, phường, thị trấn" after (SPEC §6). */
function levelsHeading(levels: readonly UnitLevel[]): string {
  const present = (['so_nganh', 'huyen', 'xa'] as const).filter((l) => levels.includes(l));
  return present.map((l, i) => (i === 0 ? UNIT_LEVEL_LABELS[l] : UNIT_LEVEL_LABELS[l].toLowerCase())).join(' và ');
}
