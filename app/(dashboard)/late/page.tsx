// Danh sách đơn vị / cán bộ chậm muộn: the units and officials with late dossiers in a period inside a unit's subtree —
// the list the directives require to be published monthly (Decision 766/QĐ-TTg). Officials' names are dossier-level
// data: the gate is `dossiers`, so a chair sees the own subtree only. Filters live in the URL.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { z } from 'zod';
import { LateHandlersTable, LateUnitsTable } from '@/components/late/late-tables';
import { InvalidPeriod, PeriodFilter, periodHref, periodParam, periodSearch } from '@/components/period/period-filter';
import { PrintButton } from '@/components/ui/print-button';
import { TableSkeleton } from '@/components/ui/skeletons';
import { Widget } from '@/components/ui/widget';
import { formatPeriod, formatPeriodSpan } from '@/lib/format';
import { UNIT_LEVEL_LABELS, type NamedPeriod, type UnitLevel } from '@/lib/kpi';
import { pageGate, unitPageHref, viewer, type Scope } from '@/lib/server/access';
import { findRootUnit, listLevelsUnder, findUnit, unitDay } from '@/lib/server/queries/units';
import { requestNow } from '@/lib/server/request-cache';
import { listLateHandlers, listLateUnits } from '@/lib/server/queries/late';
import { type UnitRef } from '@/lib/views';
import { NotFoundError } from '@/lib/server/errors';

export const metadata: Metadata = { title: 'Đơn vị, cán bộ chậm muộn' };

const HANDLER_LIMIT = 200;
const paramsSchema = z.object({
  donvi: z.string().trim().min(1).max(64).optional().catch(undefined),
  cap: z.enum(['so_nganh', 'huyen', 'xa']).optional().catch(undefined),
});
type Params = Record<string, string | string[] | undefined>;

function lateHref(q: { donvi?: string | null; cap?: string | null; period: NamedPeriod }) {
  return periodHref('/late', q.period, { donvi: q.donvi, cap: q.cap });
}

export default async function LatePage({ searchParams }: PageProps<'/late'>) {
  await connection();
  const raw = (await searchParams) as Params;
  const param = periodParam(raw, requestNow());
  const { period } = param;
  const q = paramsSchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  // Without a unit: the viewer's own (a chair's district), else the province.
  const own = q.donvi ?? (await viewer())?.unit?.code ?? (await findRootUnit())?.code;
  if (!own) {
    await pageGate('dossiers', {}, lateHref({ period }));
    return (
      <main className="page">
        <p className="empty">Chưa có dữ liệu đơn vị. Hãy nạp danh mục đơn vị (xem README).</p>
      </main>
    );
  }
  const scope = await pageGate('dossiers', { unit: own }, lateHref({ ...q, period })).catch((e: unknown) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  // The unit of the view (SPEC §6): today's, or the version in force at the period's end.
  const day = unitDay(period.view ?? 'current', period);
  const unit = (await findUnit(scope.unit!.code, day)) ?? scope.unit!;
  const levels = (await listLevelsUnder(unit, day)).filter((l): l is Exclude<UnitLevel, 'tinh'> => l !== 'tinh');
  const level = q.cap && levels.includes(q.cap) ? q.cap : null;
  const base = { donvi: q.donvi, cap: level, period };
  const key = lateHref(base);

  return (
    <main className="page">
      <div className="page-head">
        <div>
          <h1>Đơn vị, cán bộ chậm muộn</h1>
          <p>
            {unit.name} · {formatPeriodSpan(period)}
          </p>
        </div>
        <div className="head-actions no-print">
          <PeriodFilter now={requestNow()} period={period} action="/late" keep={{ donvi: q.donvi, cap: level }} />
          <PrintButton />
        </div>
      </div>
      <InvalidPeriod param={param} />
      <p className="muted">
        Hồ sơ trễ hạn gồm hồ sơ đã giải quyết trễ hạn trong kỳ và hồ sơ đang giải quyết đã quá hạn tại thời điểm cuối kỳ (hoặc
        hiện tại, với kỳ chưa kết thúc). Tỷ lệ trễ hạn = số hồ sơ trễ hạn / số hồ sơ đã và đang giải quyết.
      </p>

      {levels.length > 0 ? (
        <nav aria-label="Cấp đơn vị" className="no-print">
          <ul className="tabs">
            <li>
              <Link href={lateHref({ ...base, cap: null })} aria-current={level === null ? 'page' : undefined}>
                Mọi cấp
              </Link>
            </li>
            {levels.map((l) => (
              <li key={l}>
                <Link href={lateHref({ ...base, cap: l })} aria-current={l === level ? 'page' : undefined}>
                  {UNIT_LEVEL_LABELS[l]}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}

      <section className="panel" aria-labelledby="late-units">
        <h2 id="late-units">Đơn vị có hồ sơ trễ hạn</h2>
        {levels.length === 0 ? (
          <p className="empty">{unit.name} không có đơn vị cấp dưới.</p>
        ) : (
          <Widget key={`units-${key}`} title="Đơn vị có hồ sơ trễ hạn" fallback={<TableSkeleton />}>
            <Units unit={unit} levels={level ? [level] : levels} period={period} scope={scope} />
          </Widget>
        )}
      </section>
      <section className="panel" aria-labelledby="late-handlers">
        <h2 id="late-handlers">Cán bộ có hồ sơ trễ hạn</h2>
        <Widget key={`handlers-${key}`} title="Cán bộ có hồ sơ trễ hạn" fallback={<TableSkeleton />}>
          <Handlers unit={unit} period={period} scope={scope} />
        </Widget>
      </section>
    </main>
  );
}

async function Units({ unit, levels, period, scope }: { unit: UnitRef; levels: UnitLevel[]; period: NamedPeriod; scope: Scope }) {
  const rows = await listLateUnits(unit, levels, period, requestNow(), period.view);
  return (
    <LateUnitsTable
      rows={rows}
      href={unitPageHref(scope, periodSearch(period))}
      caption={`Đơn vị thuộc ${unit.name} có hồ sơ trễ hạn, ${formatPeriod(period)}; nhiều hồ sơ trễ hạn nhất trước`}
    />
  );
}

async function Handlers({ unit, period, scope }: { unit: UnitRef; period: NamedPeriod; scope: Scope }) {
  const rows = await listLateHandlers(scope.path, unit.code, period, requestNow(), HANDLER_LIMIT, period.view);
  return (
    <LateHandlersTable
      rows={rows}
      href={(r) => periodHref('/overdue', period, { unit: r.unit.code, handler: r.handler })}
      caption={`Cán bộ xử lý có hồ sơ trễ hạn, ${formatPeriod(period)}; nhiều nhất trước${rows.length === HANDLER_LIMIT ? ` (${HANDLER_LIMIT} dòng đầu)` : ''}`}
    />
  );
}
