// The period in the URL of every page that shows one: a preset (?ky=2026-10 | 2026-Q3 | 2026-6T | 2026-9T | 2026), a
// custom range (?ky=tuy-chon&tu=YYYY-MM-DD&den=YYYY-MM-DD), or the older ?month=YYYY-MM (kept so that saved links still
// open the same view); the form that changes it, and the message for a period that could not be read.
// Works without JavaScript. "This month" is the month of `now`, the request's one instant (passed in by the page).
import Link from 'next/link';
import { localDayOf } from '@/lib/calendar';
import { formatPeriod } from '@/lib/format';
import { customPeriod, parsePreset, presetsOf, shiftPeriod, type NamedPeriod, type PresetKind } from '@/lib/kpi';

export const CUSTOM = 'tuy-chon';
type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);

export interface PeriodParam {
  /** The period, with the units view of the URL (?view=historical; SPEC §6). */
  period: NamedPeriod;
  /** Why the period asked for was not used (shown as a message), or null. */
  invalid: string | null;
}

export function periodParam(params: Params, now: Date): PeriodParam {
  const read = periodOnly(params, now);
  return one(params.view) === 'historical' ? { ...read, period: { ...read.period, view: 'historical' } } : read;
}

function periodOnly(params: Params, now: Date): PeriodParam {
  const fallback = parsePreset(localDayOf(now).slice(0, 7))!;
  const ky = one(params.ky);
  const month = one(params.month);
  if (ky === CUSTOM) {
    const custom = customPeriod(one(params.tu) ?? '', one(params.den) ?? '');
    return custom
      ? { period: custom, invalid: null }
      : { period: fallback, invalid: 'Khoảng thời gian tùy chọn cần “từ ngày” không sau “đến ngày”, dài không quá 5 năm.' };
  }
  if (ky) {
    const preset = parsePreset(ky);
    return preset ? { period: preset, invalid: null } : { period: fallback, invalid: `Kỳ “${ky}” không hợp lệ.` };
  }
  if (month) {
    const preset = parsePreset(month);
    return preset?.kind === 'month'
      ? { period: preset, invalid: null }
      : { period: fallback, invalid: `Tháng “${month}” không hợp lệ (cần dạng YYYY-MM).` };
  }
  return { period: fallback, invalid: null };
}

/** The URL parameters of a period (and of its units view), to carry it into links. */
export function periodSearch(period: NamedPeriod): Record<string, string> {
  const view: Record<string, string> = period.view === 'historical' ? { view: 'historical' } : {};
  return period.key ? { ky: period.key, ...view } : { ky: CUSTOM, tu: period.from, den: period.to, ...view };
}

/** A path with the period's parameters (and any others) in its query string. */
export function periodHref(path: string, period: NamedPeriod, params: Record<string, string | null | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
  for (const [k, v] of Object.entries(periodSearch(period))) search.set(k, v);
  return `${path}?${search}`;
}

/** The message for a period that could not be read, naming the period shown instead. */
export function InvalidPeriod({ param }: { param: PeriodParam }) {
  return param.invalid === null ? null : (
    <p className="error-box" role="alert">
      {param.invalid} Đang hiển thị {formatPeriod(param.period)}.
    </p>
  );
}

const GROUPS: Record<PresetKind, string> = { month: 'Tháng', quarter: 'Quý', half: '6 tháng', nine: '9 tháng', year: 'Năm' };

/**
 * Presets and a custom range, with links to the period before and after of the same kind; `keep` are the other
 * parameters of the page, carried as hidden fields and in the links.
 */
export function PeriodFilter({
  period,
  action,
  keep = {},
  now,
}: {
  period: NamedPeriod;
  action: string;
  keep?: Record<string, string | null | undefined>;
  now: Date;
}) {
  const groups = presetsOf(localDayOf(now));
  const known = groups.some((g) => g.items.some((p) => p.key === period.key));
  const step = (steps: number, symbol: string) => {
    const p = { ...shiftPeriod(period, steps), view: period.view };
    return (
      <Link className="button" href={periodHref(action, p, keep)} aria-label={`Xem ${formatPeriod(p)}`}>
        {symbol}
      </Link>
    );
  };
  return (
    <form className="filters no-print" method="get" action={action} aria-label="Chọn kỳ báo cáo">
      {Object.entries(keep).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
      {step(-1, '‹')}
      <label htmlFor="ky">Kỳ</label>
      <select id="ky" name="ky" defaultValue={period.key ?? CUSTOM}>
        {!known && period.key ? <option value={period.key}>{formatPeriod(period)}</option> : null}
        {groups.map((g) => (
          <optgroup key={g.kind} label={GROUPS[g.kind]}>
            {g.items.map((p) => (
              <option key={p.key} value={p.key!}>
                {formatPeriod(p)}
              </option>
            ))}
          </optgroup>
        ))}
        <option value={CUSTOM}>Khoảng tùy chọn…</option>
      </select>
      <fieldset>
        <legend className="sr-only">Khoảng tùy chọn</legend>
        <label htmlFor="tu">từ ngày</label>
        <input id="tu" name="tu" type="date" defaultValue={period.from} />
        <label htmlFor="den">đến ngày</label>
        <input id="den" name="den" type="date" defaultValue={period.to} />
      </fieldset>
      {period.view === 'historical' ? <input type="hidden" name="view" value="historical" /> : null}
      <button type="submit">Xem</button>
      {step(1, '›')}
      <UnitViewSwitch period={period} action={action} keep={keep} />
    </form>
  );
}

/**
 * "Đơn vị hiện nay / Đơn vị tại thời điểm" (SPEC §6): today's units, with the past restated onto them through the
 * successions, or the units as they were in the period. A pair of links, so it works without JavaScript.
 */
export function UnitViewSwitch({
  period,
  action,
  keep = {},
}: {
  period: NamedPeriod;
  action: string;
  keep?: Record<string, string | null | undefined>;
}) {
  const current = period.view !== 'historical';
  return (
    <nav className="view-switch" aria-label="Cách xem đơn vị">
      <Link
        href={periodHref(action, { ...period, view: undefined }, keep)}
        aria-current={current ? 'true' : undefined}
        title="Số liệu các kỳ trước được quy về đơn vị hiện nay theo quan hệ kế thừa"
      >
        Đơn vị hiện nay
      </Link>
      <Link
        href={periodHref(action, { ...period, view: 'historical' }, keep)}
        aria-current={current ? undefined : 'true'}
        title="Đơn vị như tại thời điểm của kỳ (trước 1/7/2025 có cấp huyện)"
      >
        Đơn vị tại thời điểm
      </Link>
    </nav>
  );
}
