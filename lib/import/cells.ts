// zod building blocks for one cell of an import row: trimmed text, and text read by a value parser. Pure.
import { z } from 'zod';
import type { Parsed } from './values';

export const REQUIRED = 'bắt buộc, đang để trống';

/** Says what is wrong with a cell: a zod issue on its column. */
export type Complain = (column: string, message: string) => void;

/** Free text, null when empty (trimmed). */
export function readText(v: string | undefined, column: string, complain: Complain, required = false, max = 500): string | null {
  const t = v === undefined ? '' : v.trim();
  if (required && t === '') complain(column, REQUIRED);
  if (t.length > max) complain(column, `dài quá ${max} ký tự`);
  return t === '' ? null : t;
}

/** A cell read by one of the value parsers; empty → `empty`; a refused value → `empty`, after saying why. */
export function readParsed<T, E>(
  v: string | undefined,
  column: string,
  complain: Complain,
  parse: (text: string) => Parsed<T>,
  empty: E,
  required = false,
): T | E {
  const t = v === undefined ? '' : v.trim();
  if (t === '') {
    if (required) complain(column, REQUIRED);
    return empty;
  }
  const parsed = parse(t);
  if (parsed.ok) return parsed.value;
  complain(column, parsed.reason);
  return empty;
}

// Each cell is one zod transform that trims, checks and converts at once (the catalogue rows); the dossier row, read
// millions of times, is one transform for the whole row (see dossier-row.ts): every further zod layer costs allocations.

/** Free text, null when empty. */
export const text = (required = false, max = 500) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => readText(v, '', (_, message) => ctx.addIssue({ code: 'custom', message }), required, max));

/** A cell read by one of the value parsers; empty → `empty`. */
export function parsedCell<T, E>(parse: (text: string) => Parsed<T>, empty: E, required = false) {
  return z
    .string()
    .optional()
    .transform((v, ctx): T | E => {
      const t = v?.trim() ?? '';
      let refused = false; // a value its parser refused holds nothing (an empty required cell holds `empty`)
      const value = readParsed(
        t,
        '',
        (_, message) => {
          refused = t !== '';
          ctx.addIssue({ code: 'custom', message });
        },
        parse,
        empty,
        required,
      );
      return refused ? z.NEVER : value;
    });
}

export interface RowError {
  /** Row number in the file: the header is row 1, the first record row 2 (as a spreadsheet shows it). */
  row: number;
  column: string;
  value: string;
  reason: string;
  /** The row's MaHoSo, when it has one: reports name it beside the row number. */
  code?: string;
}

/** Runs a row schema; every issue becomes a row error naming its column. */
export function parseRow<S extends z.ZodType>(
  schema: S,
  raw: Record<string, string | undefined>,
  row: number,
): { ok: true; record: z.output<S> } | { ok: false; errors: RowError[] } {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, record: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => {
      const column = String(issue.path[0] ?? '');
      return { row, column, value: (raw[column] ?? '').trim().slice(0, 200), reason: issue.message };
    }),
  };
}
