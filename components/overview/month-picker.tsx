// The month in the URL (?month=YYYY-MM) and the picker that changes it, with previous/next links.
import Link from 'next/link';
import { z } from 'zod';
import { addLocalMonths } from '@/lib/calendar';
import { formatMonth } from '@/lib/format';
import { currentMonth } from '@/lib/server/queries/overview';

const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

export interface MonthParam {
  month: string;
  /** The value asked for when it was not a month (shown as a message). */
  invalid: string | null;
}

export function monthParam(params: Record<string, string | string[] | undefined>): MonthParam {
  const requested = typeof params.month === 'string' ? params.month : undefined;
  const valid = requested === undefined || monthSchema.safeParse(requested).success;
  return { month: requested && valid ? requested : currentMonth(), invalid: valid ? null : requested ?? null };
}

export function MonthPicker({ month, basePath }: { month: string; basePath: string }) {
  const previous = addLocalMonths(`${month}-01`, -1).slice(0, 7);
  const next = addLocalMonths(`${month}-01`, 1).slice(0, 7);
  return (
    <form className="filters" method="get" action={basePath}>
      <Link className="button" href={`${basePath}?month=${previous}`} aria-label={`Xem ${formatMonth(previous)}`}>‹</Link>
      <label htmlFor="month">Tháng</label>
      <input id="month" name="month" type="month" defaultValue={month} required />
      <button type="submit">Xem</button>
      <Link className="button" href={`${basePath}?month=${next}`} aria-label={`Xem ${formatMonth(next)}`}>›</Link>
    </form>
  );
}

export function InvalidMonth({ value, month }: { value: string | null; month: string }) {
  return value === null ? null : (
    <p className="error-box" role="alert">
      Tháng “{value}” không hợp lệ (cần dạng YYYY-MM); đang hiển thị {formatMonth(month)}.
    </p>
  );
}
