// The period in the URL of a league table: a preset (?ky=2026-10 | 2026-Q3 | 2026-6T | 2026-9T | 2026) or a custom
// range (?ky=tuy-chon&tu=YYYY-MM-DD&den=YYYY-MM-DD), and the form that changes it. Works without JavaScript.
import { localDayOf } from '@/lib/calendar';
import { customPeriod, parsePreset, presetsOf, type NamedPeriod, type PresetKind } from '@/lib/kpi';

export const CUSTOM = 'tuy-chon';
type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);

export interface PeriodParam {
  period: NamedPeriod;
  /** Why the period asked for was not used (shown as a message), or null. */
  invalid: string | null;
}

export function periodParam(params: Params, now: Date = new Date()): PeriodParam {
  const fallback = parsePreset(localDayOf(now).slice(0, 7))!;
  const ky = one(params.ky);
  if (ky === CUSTOM) {
    const custom = customPeriod(one(params.tu) ?? '', one(params.den) ?? '');
    return custom ? { period: custom, invalid: null }
      : { period: fallback, invalid: 'Khoảng thời gian tùy chọn cần “từ ngày” không sau “đến ngày”, dài không quá 5 năm.' };
  }
  if (ky === undefined || ky === '') return { period: fallback, invalid: null };
  const preset = parsePreset(ky);
  return preset ? { period: preset, invalid: null } : { period: fallback, invalid: `Kỳ “${ky}” không hợp lệ.` };
}

/** The URL parameters of a period, to carry it into links. */
export function periodSearch(period: NamedPeriod): Record<string, string> {
  return period.key ? { ky: period.key } : { ky: CUSTOM, tu: period.from, den: period.to };
}

const GROUPS: Record<PresetKind, string> = { month: 'Tháng', quarter: 'Quý', half: '6 tháng', nine: '9 tháng', year: 'Năm' };

/** Presets and a custom range; `keep` are the other parameters of the page, carried as hidden fields. */
export function PeriodFilter({ period, action, keep, now = new Date() }: {
  period: NamedPeriod; action: string; keep: Record<string, string | null | undefined>; now?: Date;
}) {
  const groups = presetsOf(localDayOf(now));
  const known = groups.some((g) => g.items.some((p) => p.key === period.key));
  return (
    <form className="filters no-print" method="get" action={action} aria-label="Chọn kỳ báo cáo">
      {Object.entries(keep).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
      <label htmlFor="ky">Kỳ</label>
      <select id="ky" name="ky" defaultValue={period.key ?? CUSTOM}>
        {!known && period.key ? <option value={period.key}>{period.label}</option> : null}
        {groups.map((g) => (
          <optgroup key={g.kind} label={GROUPS[g.kind]}>
            {g.items.map((p) => <option key={p.key} value={p.key!}>{p.label}</option>)}
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
      <button type="submit">Xem</button>
    </form>
  );
}
