// PostgreSQL's COPY text format, written out by hand (https://www.postgresql.org/docs/current/sql-copy.html#SQL-COPY-FILE-FORMATS):
// one line per row, fields separated by tabs, \N for NULL, backslash escapes. Pure; the seed and the importer build
// their lines from these, once per dossier, so they stay small and branch-free where they can.

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A text field (never null here). */
export const copyText = (v: string) => (/[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : v);
/** A text field that may be null. */
export const copyNullableText = (v: string | null) => (v === null ? '\\N' : copyText(v));
/** A timestamptz, as an ISO instant in UTC. */
export const copyTime = (v: Date | null) => (v === null ? '\\N' : v.toISOString());
export const copyNumber = (v: number | null) => (v === null ? '\\N' : String(v));
export const copyBool = (v: boolean) => (v ? 't' : 'f');
/** One COPY line from its fields, already written with the functions above: joined once, so the string is flat. */
export const copyRow = (fields: ReadonlyArray<string | number>) => `${fields.join('\t')}\n`;
