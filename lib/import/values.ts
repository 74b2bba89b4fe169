// Cell values of the import files (SPEC §4): date-times, integers, flags. Pure; errors are Vietnamese reasons.
import { DAY_MS, OFFSET_MS } from '@/lib/calendar';
import { normalizeHeader } from './headers';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (reason: string): Parsed<never> => ({ ok: false, reason });

const pad = (n: string) => n.padStart(2, '0');
const DMY = /^(?<d>\d{1,2})\/(?<mo>\d{1,2})\/(?<y>\d{4})(?:[ T](?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2}))?)?$/;
const ISO =
  /^(?<y>\d{4})-(?<mo>\d{2})-(?<d>\d{2})(?:[T ](?<h>\d{2}):(?<mi>\d{2})(?::(?<s>\d{2})(?<frac>\.\d{1,6})?)?(?<tz>Z|[+-]\d{2}:?\d{2})?)?$/;
/** The national sync payload's form (SPEC §4.1), local time. */
const COMPACT = /^(?<y>\d{4})(?<mo>\d{2})(?<d>\d{2})(?<h>\d{2})(?<mi>\d{2})(?<s>\d{2})$/;

/**
 * A date-time: ISO 8601 (no offset = local time, UTC+7), dd/MM/yyyy[ HH:mm[:ss]] or yyyyMMddHHmmss (local). A date without a time is the
 * start of the day, or its end (23:59:59.999) when `dateOnly` is 'end' (NgayHenTra).
 */
export function parseDateTime(text: string, dateOnly: 'start' | 'end' = 'start'): Parsed<Date> {
  const s = text.trim();
  const fast = exactDateTime(s);
  if (fast !== null) return ok(new Date(fast));
  const g = (DMY.exec(s) ?? ISO.exec(s) ?? COMPACT.exec(s))?.groups;
  if (!g) {
    return fail(`"${s}" không phải ngày giờ hợp lệ (dd/MM/yyyy, dd/MM/yyyy HH:mm[:ss], yyyyMMddHHmmss hoặc ISO 8601)`);
  }
  // Arithmetic on numbers rather than building and parsing date strings: this runs for every date of every row.
  const y = Number(g.y);
  const mo = Number(g.mo) - 1;
  const d = Number(g.d);
  const midnight = new Date(Date.UTC(y, mo, d));
  if (midnight.getUTCFullYear() !== y || midnight.getUTCMonth() !== mo || midnight.getUTCDate() !== d) {
    return fail(`ngày ${pad(g.d!)}/${pad(g.mo!)}/${g.y} không tồn tại`);
  }
  if (g.h === undefined) return ok(new Date(midnight.getTime() - OFFSET_MS + (dateOnly === 'end' ? DAY_MS - 1 : 0)));
  const h = Number(g.h);
  const mi = Number(g.mi);
  const sec = Number(g.s ?? 0);
  if (h > 23 || mi > 59 || sec > 59) return fail(`giờ trong "${s}" không hợp lệ`);
  const ms = g.frac ? Number(g.frac.slice(1, 4).padEnd(3, '0')) : 0;
  let offset = OFFSET_MS; // no offset: local time
  if (g.tz === 'Z') {
    offset = 0;
  } else if (g.tz !== undefined) {
    const tzHours = Number(g.tz.slice(1, 3));
    const tzMinutes = Number(g.tz.slice(-2));
    if (tzHours > 23 || tzMinutes > 59) return fail(`"${s}" không phải ngày giờ hợp lệ`);
    offset = (g.tz[0] === '-' ? -1 : 1) * (tzHours * 60 + tzMinutes) * 60_000;
  }
  return ok(new Date(midnight.getTime() + ((h * 60 + mi) * 60 + sec) * 1000 + ms - offset));
}

/**
 * The three shapes one-stop systems export, read digit by digit without a regular expression (an import reads four
 * dates a row): "dd/MM/yyyy HH:mm:ss", "yyyy-MM-ddTHH:mm:ss[.SSS][Z|±hh:mm]" and "yyyyMMddHHmmss", in epoch milliseconds. Null for any
 * other shape or an impossible value: `parseDateTime` then reads it the general way and says what is wrong.
 */
function exactDateTime(s: string): number | null {
  const digits = (from: number, count: number) => {
    let n = 0;
    for (let i = from; i < from + count; i++) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return -1;
      n = n * 10 + c;
    }
    return n;
  };
  let y: number;
  let mo: number;
  let d: number;
  let ms = 0;
  let offset = OFFSET_MS;
  let h: number;
  let mi: number;
  let sec: number;
  if (s.length === 14) {
    y = digits(0, 4);
    mo = digits(4, 2);
    d = digits(6, 2);
    h = digits(8, 2);
    mi = digits(10, 2);
    sec = digits(12, 2);
  } else if (s.length === 19 && s[2] === '/' && s[5] === '/' && s[10] === ' ' && s[13] === ':' && s[16] === ':') {
    d = digits(0, 2);
    mo = digits(3, 2);
    y = digits(6, 4);
    h = digits(11, 2);
    mi = digits(14, 2);
    sec = digits(17, 2);
  } else if (s.length >= 19 && s[4] === '-' && s[7] === '-' && s[10] === 'T' && s[13] === ':' && s[16] === ':') {
    y = digits(0, 4);
    mo = digits(5, 2);
    d = digits(8, 2);
    let at = 19;
    if (s[at] === '.' && s.length >= at + 4) {
      ms = digits(at + 1, 3);
      if (ms < 0) return null;
      at += 4;
    }
    if (at === s.length - 1 && s[at] === 'Z') offset = 0;
    else if (at === s.length - 6 && (s[at] === '+' || s[at] === '-') && s[at + 3] === ':') {
      const tzHours = digits(at + 1, 2);
      const tzMinutes = digits(at + 4, 2);
      if (tzHours < 0 || tzHours > 23 || tzMinutes < 0 || tzMinutes > 59) return null;
      offset = (s[at] === '-' ? -1 : 1) * (tzHours * 60 + tzMinutes) * 60_000;
    } else if (at !== s.length) return null;
    h = digits(11, 2);
    mi = digits(14, 2);
    sec = digits(17, 2);
  } else {
    return null;
  }
  if (y < 100 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) return null;
  const midnight = Date.UTC(y, mo - 1, d);
  if (d > 28 && new Date(midnight).getUTCDate() !== d) return null; // 31/02 rolled over: not a date
  return midnight + ((h * 60 + mi) * 60 + sec) * 1000 + ms - offset;
}

/** A whole number within [min, max]; thousands separators "." or "," and spaces are accepted for amounts. */
export function parseInteger(text: string, min: number, max: number, amount = false): Parsed<number> {
  const s = amount ? text.trim().replace(/[\s.,](?=\d{3}(\D|$))/g, '') : text.trim();
  if (!/^-?\d+$/.test(s)) return fail(`"${text.trim()}" không phải số nguyên`);
  const n = Number(s);
  if (n < min) return fail(min === 0 ? `"${text.trim()}" là số âm` : `"${text.trim()}" nhỏ hơn ${min}`);
  if (n > max) return fail(`"${text.trim()}" lớn hơn ${max}`);
  return ok(n);
}

/** One of the allowed codes (e.g. 1, 2, 3). */
export function parseChoice(text: string, allowed: readonly number[]): Parsed<number> {
  const s = text.trim();
  const n = Number(s);
  if (/^\d+$/.test(s) && allowed.includes(n)) return ok(n);
  return fail(`"${s}" không thuộc các giá trị ${allowed.join(', ')}`);
}

/** 0/1 (also "có"/"không", true/false). */
export function parseFlag(text: string): Parsed<boolean> {
  const s = text.trim().toLowerCase();
  if (['1', 'true', 'có', 'co', 'x'].includes(s)) return ok(true);
  if (['0', 'false', 'không', 'khong'].includes(s)) return ok(false);
  return fail(`"${text.trim()}" phải là 0 hoặc 1`);
}

// KenhThucHien as one-stop exports write it in words ("Kênh nộp", "Hình thức nộp"), folded as headers are.
const CHANNEL_WORDS: Readonly<Record<string, 1 | 2 | 3>> = {
  tructiep: 1,
  noptructiep: 1,
  tructuyen: 2,
  noptructuyen: 2,
  quamang: 2,
  nopquamang: 2,
  tructuyenquamang: 2,
  dichvucongtructuyen: 2,
  buuchinh: 3,
  quabuuchinh: 3,
  buuchinhcongich: 3,
  quabuuchinhcongich: 3,
  dichvubuuchinhcongich: 3,
  nopquabuuchinhcongich: 3,
};

/** KenhThucHien: 1, 2, 3, or the words ("Trực tiếp", "Trực tuyến", "Qua mạng", "Bưu chính công ích"), in any case. */
export function parseChannel(text: string): Parsed<1 | 2 | 3> {
  const s = text.trim();
  if (/^\d+$/.test(s)) return parseChoice(s, [1, 2, 3]) as Parsed<1 | 2 | 3>;
  const code = CHANNEL_WORDS[normalizeHeader(s)];
  if (code !== undefined) return ok(code);
  return fail(`"${s}" không phải kênh thực hiện (1 trực tiếp, 2 trực tuyến, 3 bưu chính công ích)`);
}
