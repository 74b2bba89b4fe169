// Hồ sơ trễ hạn: the late dossiers of a unit's subtree for a period (resolved late in it, or pending and late at T),
// filtered by field, procedure, status, apology and handler, with CSV/XLSX downloads of the same filter. Dossier-level
// page: only inside the caller's scope. Every choice lives in the URL (a GET form), so a view can be bookmarked.
import type { Metadata } from 'next';
import { connection } from 'next/server';
import { z } from 'zod';
import { InvalidPeriod, PeriodFilter, periodHref, periodParam, periodSearch } from '@/components/period/period-filter';
import { TableSkeleton } from '@/components/ui/skeletons';
import { Widget } from '@/components/ui/widget';
import { OVERDUE_STATUS_LABELS } from '@/lib/export/overdue';
import { formatPeriodSpan } from '@/lib/format';
import type { NamedPeriod } from '@/lib/kpi';
import { pageGate, viewer, type Scope } from '@/lib/server/access';
import { findRootUnit, findUnit, listUnitsInScope, unitDay } from '@/lib/server/queries/units';
import { listFields, listProcedures } from '@/lib/server/queries/catalog';
import { OVERDUE_STATUSES, type OverdueFilter, overdueFilterSearch, parseOverdueFilter } from '@/lib/views';
import { NotFoundError } from '@/lib/server/errors';
import { OverdueList } from '@/app/(dashboard)/_loaders/widgets';
import { requestNow } from '@/lib/server/request-cache';

export const metadata: Metadata = { title: 'Hồ sơ trễ hạn' };

type Params = Record<string, string | string[] | undefined>;
const pageNumber = z.coerce.number().int().min(1).max(1_000_000).catch(1);

function overdueHref(q: { unit?: string | null; period: NamedPeriod; filter: OverdueFilter; page?: number }) {
  return periodHref('/overdue', q.period, {
    unit: q.unit,
    ...overdueFilterSearch(q.filter),
    page: q.page && q.page > 1 ? String(q.page) : null,
  });
}

export default async function OverduePage({ searchParams }: PageProps<'/overdue'>) {
  await connection();
  const raw = Object.fromEntries(
    Object.entries((await searchParams) as Params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]),
  );
  const param = periodParam(raw, requestNow());
  const { period } = param;
  const { filter, errors } = parseOverdueFilter(raw);
  const page = pageNumber.parse(raw.page ?? 1);
  const asked = raw.unit?.trim() || null;

  // The unit: the one asked for, else the caller's own, else the province (the root of the tree).
  const day = unitDay(period.view ?? 'current', period);
  const [actor, root] = await Promise.all([viewer(), findRootUnit(day)]);
  const fallback = actor?.unit?.code ?? root?.code ?? null;
  const returnTo = overdueHref({ unit: asked, period, filter, page });
  let scope: Scope;
  let unitError: string | null = null;
  try {
    scope = await pageGate('dossiers', { unit: asked ?? fallback }, returnTo);
  } catch (e) {
    if (!(e instanceof NotFoundError) || !asked) throw e;
    unitError = `Không có đơn vị mã “${asked}”; đang hiển thị đơn vị mặc định.`;
    scope = await pageGate('dossiers', { unit: fallback }, returnTo);
  }
  // The unit of the view: the version of its code in force on the view's day (SPEC §6).
  const unit = scope.unit ? ((await findUnit(scope.unit.code, day)) ?? scope.unit) : null;
  if (!unit) {
    return (
      <main className="page">
        <h1>Hồ sơ trễ hạn</h1>
        <p className="empty">Chưa có dữ liệu đơn vị. Hãy nạp danh mục đơn vị (xem README).</p>
      </main>
    );
  }
  // The units of the view (SPEC §6): today's, or those in force at the period's end.
  const [units, fields, procedures] = await Promise.all([listUnitsInScope(scope.path, day), listFields(), listProcedures()]);
  const base = { unit: unit.code, period, filter };
  const apiSearch = { unit: unit.code, from: period.from, to: period.to, ...overdueFilterSearch(filter) };
  const depth = (path: string) => path.split('/').length - 3;

  return (
    <main className="page">
      <div className="page-head">
        <div>
          <h1>Hồ sơ trễ hạn</h1>
          <p>
            {unit.name} · {formatPeriodSpan(period)}
          </p>
        </div>
        <PeriodFilter
          now={requestNow()}
          period={period}
          action="/overdue"
          keep={{ unit: unit.code, ...overdueFilterSearch(filter) }}
        />
      </div>
      <InvalidPeriod param={param} />
      {unitError ? (
        <p className="error-box" role="alert">
          {unitError}
        </p>
      ) : null}
      {errors.length > 0 ? (
        <div className="error-box" role="alert">
          <p>Bộ lọc không hợp lệ, đã bỏ qua:</p>
          <ul>
            {errors.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <form className="filters no-print panel" method="get" action="/overdue" aria-label="Lọc hồ sơ trễ hạn">
        {Object.entries(periodSearch(period)).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <label htmlFor="unit">Đơn vị</label>
        <select id="unit" name="unit" className="wide" defaultValue={unit.code}>
          {units.map((u) => (
            <option key={u.code} value={u.code}>
              {'\u00a0\u00a0'.repeat(Math.max(0, depth(u.path)))}
              {u.name}
            </option>
          ))}
        </select>
        <label htmlFor="field">Lĩnh vực</label>
        <select id="field" name="field" className="wide" defaultValue={filter.field ?? ''}>
          <option value="">Tất cả lĩnh vực</option>
          {filter.field && !fields.some((f) => f.code === filter.field) ? (
            <option value={filter.field}>{filter.field}</option>
          ) : null}
          {fields.map((f) => (
            <option key={f.code} value={f.code}>
              {f.name}
            </option>
          ))}
        </select>
        <label htmlFor="procedure">Thủ tục</label>
        <select id="procedure" name="procedure" className="wide" defaultValue={filter.procedure ?? ''}>
          <option value="">Tất cả thủ tục</option>
          {filter.procedure && !procedures.some((p) => p.code === filter.procedure) ? (
            <option value={filter.procedure}>{filter.procedure}</option>
          ) : null}
          {procedures.map((p) => (
            <option key={p.code} value={p.code}>
              {p.code} · {p.name}
            </option>
          ))}
        </select>
        <label htmlFor="status">Tình trạng</label>
        <select id="status" name="status" defaultValue={filter.status ?? ''}>
          <option value="">Tất cả</option>
          {OVERDUE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {OVERDUE_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
        <label htmlFor="apology">Phiếu xin lỗi</label>
        <select id="apology" name="apology" defaultValue={filter.apology ?? ''}>
          <option value="">Tất cả</option>
          <option value="yes">Đã có</option>
          <option value="no">Chưa có</option>
        </select>
        <label htmlFor="handler">Cán bộ xử lý</label>
        <input
          id="handler"
          name="handler"
          type="search"
          defaultValue={filter.handler ?? ''}
          placeholder="vd. nguyen van"
          maxLength={100}
        />
        <button type="submit">Lọc</button>
      </form>

      <Widget key={overdueHref({ ...base, page })} title="Danh sách hồ sơ trễ hạn" fallback={<TableSkeleton rows={12} />}>
        <OverdueList
          scope={scope}
          unitCode={unit.code}
          period={period}
          filter={filter}
          page={page}
          apiSearch={apiSearch}
          pageHref={(p) => overdueHref({ ...base, page: p })}
        />
      </Widget>
    </main>
  );
}
