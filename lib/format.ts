// vi-VN formatting for people: 1.234.567; 95,12 %; dd/MM/yyyy. Used by components and exported files.
const integer = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const twoDecimals = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const dateFmt = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' });
const dateTimeFmt = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false,
});

/** The mark shown for a rate whose denominator is 0 (never 0 % or 100 %: SPEC §3). */
export const NO_VALUE = '—';

export function formatNumber(n: number): string {
  return integer.format(n);
}

/** A ratio (0.9512) as a percent with 2 decimals ("95,12 %"), or "—" when there is no value. */
export function formatPercent(value: number | null): string {
  // Built by hand: ICU versions disagree on the space before %, and server and browser must print the same.
  return value === null ? NO_VALUE : `${twoDecimals.format(value * 100)}\u00a0%`;
}

/** Points (the 766 score, its parts) with 2 decimals ("84,25"), or "—" when there is no value. */
export function formatPoints(value: number | null): string {
  return value === null ? NO_VALUE : twoDecimals.format(value);
}

export function formatDate(d: Date): string {
  return dateFmt.format(d);
}

/** dd/MM/yyyy HH:mm in Vietnam time (the order the import accepts and Excel reads as a date). */
export function formatDateTime(d: Date): string {
  const parts = Object.fromEntries(dateTimeFmt.formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

/** 'YYYY-MM-DD' local day as dd/MM/yyyy. */
export function formatLocalDay(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

/** 'YYYY-MM' as "tháng 11/2026". */
export function formatMonth(month: string): string {
  return `tháng ${Number(month.slice(5, 7))}/${month.slice(0, 4)}`;
}
