// vi-VN formatting for people: 1.234.567; 95,12 %; dd/MM/yyyy; periods by name. Used by components and exported files.
import { daysBetween } from '@/lib/calendar';
import { wholeMonths, type NamedPeriod } from '@/lib/kpi/period';

const integer = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const twoDecimals = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const dateFmt = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const dateTimeFmt = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
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

const ROMAN = ['I', 'II', 'III', 'IV'];

/** A period as people name it: "tháng 2/2026", "quý III/2026", "6 tháng đầu năm 2026", "9 tháng năm 2026", "năm 2026", "01/10/2026 – 15/10/2026". */
export function formatPeriod(period: NamedPeriod): string {
  const year = period.from.slice(0, 4);
  switch (period.kind) {
    case 'month':
      return formatMonth(period.from.slice(0, 7));
    case 'quarter':
      return `quý ${ROMAN[(Number(period.from.slice(5, 7)) - 1) / 3]}/${year}`;
    case 'half':
      return `6 tháng đầu năm ${year}`;
    case 'nine':
      return `9 tháng năm ${year}`;
    case 'year':
      return `năm ${year}`;
    case 'custom':
      return `${formatLocalDay(period.from)} – ${formatLocalDay(period.to)}`;
  }
}

/** A period by name with its days, "quý III/2026 (01/07/2026 – 30/09/2026)"; a custom range is only its days. */
export function formatPeriodSpan(period: NamedPeriod): string {
  return period.kind === 'custom'
    ? formatPeriod(period)
    : `${formatPeriod(period)} (${formatLocalDay(period.from)} – ${formatLocalDay(period.to)})`;
}

/** What a change is measured against (the period `shiftPeriod(period, -1)`): "so với quý trước", "so với cùng kỳ năm trước"… */
export function formatPreviousPeriod(period: NamedPeriod): string {
  switch (period.kind) {
    case 'month':
      return 'so với tháng trước';
    case 'quarter':
      return 'so với quý trước';
    case 'half':
    case 'nine':
      return 'so với cùng kỳ năm trước';
    case 'year':
      return 'so với năm trước';
    case 'custom': {
      const months = wholeMonths(period);
      return months !== null
        ? `so với ${formatNumber(months)} tháng liền trước`
        : `so với ${formatNumber(daysBetween(period.from, period.to) + 1)} ngày liền trước`;
    }
  }
}

/**
 * How far behind a figure is (a federated province's replication lag, issue 20): "dưới 1 phút", "12 phút",
 * "3 giờ 5 phút", "2 ngày 4 giờ".
 */
export function formatLag(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'dưới 1 phút';
  if (minutes < 60) return `${minutes} phút`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} giờ ${minutes % 60} phút` : `${hours} giờ`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${formatNumber(days)} ngày ${hours % 24} giờ` : `${formatNumber(days)} ngày`;
}
