// A .json file of dossiers (SPEC §4.1): the national sync payload {"service": "DongBoHoSoMC", "isUpdating": …,
// "data": [records]} (keys in any order) or a bare array of records, read in constant memory — a scanner cuts each
// element of the records array out as text and the native JSON.parse reads it alone. Pure (no database).
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { CsvFormatError } from './csv';
import type { ColumnSpec } from './headers';
import { RecordHeader, recordRow } from './records';
import type { SourceRow, TableFile } from './source';

/** The service of the payload this importer reads; others carry other things (steps of a dossier, look-ups …). */
export const DONGBO_SERVICE = 'DongBoHoSoMC';

/** A record, or a value of the envelope, larger than this is not one: refused rather than held in memory. */
const MAX_VALUE_CHARS = 16 * 1024 * 1024;

/**
 * The file stops being readable JSON at some record (0-based index in the records array, as the rows are numbered; null
 * before the array): the records before it were read. A CsvFormatError, so that the importer reports it as a file that
 * cannot be read.
 */
export class JsonFormatError extends CsvFormatError {
  constructor(
    readonly record: number | null,
    detail: string,
  ) {
    super(record ?? 0, detail);
    this.name = 'JsonFormatError';
    this.message =
      record === null
        ? `Tệp JSON không đọc được: ${detail}`
        : `Tệp JSON không đọc được từ bản ghi số ${record} (đếm từ 0) của mảng dữ liệu: ${detail}`;
  }
}

const WS = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/** peekNow: the current chunk ran out. */
const NEED = -2;

/** Where the scan of one value stands, carried from one chunk to the next. */
interface CutState {
  scalar: boolean; // a number, true, false, null: up to the next delimiter
  depth: number;
  inString: boolean;
  escaped: boolean;
}
const newCut = (first: number): CutState => ({
  scalar: first !== 123 && first !== 91 && first !== 34,
  depth: 0,
  inString: false,
  escaped: false,
});

/** The end (exclusive) of the value being scanned, if it is in `t` from `start`; else -1, with the state to go on. */
function scanValue(t: string, start: number, state: CutState): number {
  const n = t.length;
  if (state.scalar) {
    for (let i = start; i < n; i++) {
      const c = t.charCodeAt(i);
      if (c === 44 || c === 93 || c === 125 || WS(c)) return i;
    }
    return -1;
  }
  let { depth, inString, escaped } = state;
  for (let i = start; i < n; i++) {
    if (inString) {
      // Most of a record is inside strings: jump to the next quote, and count the backslashes before it.
      if (escaped) {
        escaped = false;
        continue;
      }
      const q = t.indexOf('"', i);
      if (q === -1) {
        let back = n - 1;
        while (back >= i && t.charCodeAt(back) === 92) back--;
        escaped = (n - 1 - back) % 2 === 1; // the chunk ends inside an escape
        break;
      }
      let back = q - 1;
      while (back >= i && t.charCodeAt(back) === 92) back--;
      i = q;
      if ((q - 1 - back) % 2 === 1) continue; // \" is in the string
      inString = false;
      if (depth === 0) return q + 1;
      continue;
    }
    const c = t.charCodeAt(i);
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) depth++;
    else if ((c === 125 || c === 93) && --depth === 0) return i + 1;
  }
  state.depth = depth;
  state.inString = inString;
  state.escaped = escaped;
  return -1;
}

/** The decoded text of a stream, one chunk at a time, with a read position. */
class Scanner {
  text = '';
  pos = 0;
  private ended = false;
  private started = false;
  private readonly decoder = new StringDecoder('utf8'); // a character split across two chunks is kept for the next

  constructor(private readonly chunks: AsyncIterator<unknown>) {}

  /** Replaces the text by the next non-empty chunk; false at the end of the stream. */
  async more(): Promise<boolean> {
    while (!this.ended) {
      const next = await this.chunks.next();
      let piece: string;
      if (next.done) {
        this.ended = true;
        piece = this.decoder.end();
      } else {
        piece = typeof next.value === 'string' ? next.value : this.decoder.write(next.value as Buffer);
      }
      if (piece.length === 0) continue;
      if (!this.started) {
        this.started = true;
        if (piece.charCodeAt(0) === 0xfeff) piece = piece.slice(1); // BOM
        if (piece.length === 0) continue;
      }
      this.text = piece;
      this.pos = 0;
      return true;
    }
    return false;
  }

  /** The next character that is not white space, not consumed, when the current chunk has one; else NEED. */
  peekNow(): number {
    const t = this.text;
    let i = this.pos;
    while (i < t.length && WS(t.charCodeAt(i))) i++;
    this.pos = i;
    return i < t.length ? t.charCodeAt(i) : NEED;
  }

  /** The next character that is not white space, not consumed; -1 at the end. */
  async peek(): Promise<number> {
    for (;;) {
      const c = this.peekNow();
      if (c !== NEED) return c;
      if (!(await this.more())) return -1;
    }
  }

  /** The value that starts here (after peek) when it ends in the current chunk (no await: the common case); else null. */
  cutNow(): string | null {
    const state = newCut(this.text.charCodeAt(this.pos));
    const end = scanValue(this.text, this.pos, state);
    if (end < 0) return null;
    const value = this.text.slice(this.pos, end);
    this.pos = end;
    return value;
  }

  /**
   * The text of the JSON value that starts here (after peek), up to its end, across chunks: brackets and braces counted
   * outside strings, escapes inside them followed. Its inside is checked by JSON.parse, not here.
   */
  async cut(record: number | null): Promise<string> {
    const pieces: string[] = [];
    let size = 0;
    const state = newCut(this.text.charCodeAt(this.pos));
    for (;;) {
      const t = this.text;
      const start = this.pos;
      const end = scanValue(t, start, state);
      if (end >= 0) {
        this.pos = end;
        pieces.push(t.slice(start, end));
        return pieces.join('');
      }
      pieces.push(start === 0 ? t : t.slice(start));
      size += t.length - start;
      this.pos = t.length;
      if (size > MAX_VALUE_CHARS) throw new JsonFormatError(record, `giá trị dài quá ${MAX_VALUE_CHARS} ký tự`);
      if (!(await this.more())) {
        if (state.scalar) return pieces.join('');
        throw new JsonFormatError(record, 'tệp kết thúc giữa chừng (bị cắt?)');
      }
    }
  }

  /** Consumes one expected character (after peek). */
  take(): void {
    this.pos++;
  }
}

const describe = (c: number) => (c === -1 ? 'hết tệp' : `"${String.fromCharCode(c)}"`);

function parse(text: string, record: number | null): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new JsonFormatError(record, error instanceof Error ? error.message : String(error));
  }
}

/** The text of each element of the records array, in order (batched); then the rest of the envelope is read and checked. */
async function* elements(scanner: Scanner): AsyncGenerator<string[]> {
  let c = await scanner.peek();
  if (c === 91) {
    yield* arrayElements(scanner);
  } else if (c === 123) {
    scanner.take();
    let service: unknown;
    let data = false;
    c = await scanner.peek();
    if (c === 125) scanner.take();
    else {
      for (;;) {
        if (c !== 34) throw new JsonFormatError(null, `cần tên trường, gặp ${describe(c)}`);
        const key = parse(await scanner.cut(null), null) as string;
        if ((await scanner.peek()) !== 58) throw new JsonFormatError(null, `thiếu ":" sau "${key}"`);
        scanner.take();
        c = await scanner.peek();
        if (c === -1) throw new JsonFormatError(null, 'tệp kết thúc giữa chừng (bị cắt?)');
        if (key === 'data') {
          if (c !== 91) throw new JsonFormatError(null, '"data" phải là một mảng hồ sơ');
          data = true;
          yield* arrayElements(scanner);
        } else {
          const value = parse(await scanner.cut(null), null);
          if (key === 'service') {
            service = value;
            // Checked as soon as it is read: before "data" (the usual order), no record is read at all.
            if (value !== DONGBO_SERVICE) {
              throw new JsonFormatError(
                null,
                `dịch vụ "${String(value)}" không phải ${DONGBO_SERVICE} (đồng bộ hồ sơ): tệp này không chứa danh sách hồ sơ để nhập`,
              );
            }
          }
        }
        c = await scanner.peek();
        if (c === 44) {
          scanner.take();
          c = await scanner.peek();
        } else if (c === 125) {
          scanner.take();
          break;
        } else throw new JsonFormatError(null, `cần "," hoặc "}" trong phần bao ngoài, gặp ${describe(c)}`);
      }
    }
    if (!data) {
      throw new JsonFormatError(
        null,
        service === undefined
          ? `không có mảng "data" (cần {"service": "${DONGBO_SERVICE}", "data": [...]} hoặc một mảng hồ sơ)`
          : 'không có mảng "data"',
      );
    }
  } else {
    throw new JsonFormatError(
      null,
      c === -1
        ? 'tệp rỗng'
        : `không phải JSON của hồ sơ (cần {"service": "${DONGBO_SERVICE}", "data": [...]} hoặc một mảng hồ sơ), bắt đầu bằng ${describe(c)}`,
    );
  }
  const rest = await scanner.peek();
  if (rest !== -1) throw new JsonFormatError(null, `có nội dung thừa sau dữ liệu (${describe(rest)})`);
}

/**
 * The elements of the records array, in batches: those whole in the current chunk are cut without awaiting (a promise a
 * record would cost more than parsing it). A batch is handed on before any wait or error, so what was read is kept.
 */
async function* arrayElements(scanner: Scanner): AsyncGenerator<string[]> {
  scanner.take(); // [
  let index = 0;
  let batch: string[] = [];
  let c = await scanner.peek();
  if (c === 93) {
    scanner.take();
    return;
  }
  for (;;) {
    let error: string | null = null;
    if (c === -1) error = 'tệp kết thúc giữa chừng (bị cắt?)';
    else if (c === 44 || c === 93) error = `thiếu bản ghi trước ${describe(c)}`;
    if (error !== null) {
      if (batch.length > 0) yield batch;
      throw new JsonFormatError(index, error);
    }
    let text = scanner.cutNow();
    if (text === null) {
      if (batch.length > 0) yield batch;
      batch = [];
      text = await scanner.cut(index);
    }
    batch.push(text);
    index++;
    c = scanner.peekNow();
    if (c === NEED) {
      yield batch;
      batch = [];
      c = await scanner.peek();
    }
    if (c === 44) {
      scanner.take();
      c = scanner.peekNow();
      if (c === NEED) {
        if (batch.length > 0) yield batch;
        batch = [];
        c = await scanner.peek();
      }
    } else if (c === 93) {
      scanner.take();
      if (batch.length > 0) yield batch;
      return;
    } else {
      if (batch.length > 0) yield batch;
      throw new JsonFormatError(index, c === -1 ? 'tệp kết thúc giữa chừng (bị cắt?)' : `cần "," hoặc "]", gặp ${describe(c)}`);
    }
  }
}

/**
 * Opens a .json file of dossier records: reads up to the first record (so an envelope of another service, or a file
 * that is not JSON at all, is refused before anything is imported) and returns its rows. The header is learnt from the
 * records' keys as they come (updated in place); a column no record has is each record's problem, not the file's.
 * `service` is checked where it stands: after "data" (unusual), only once the records were read.
 */
export async function openJson<C extends string>(
  input: Readable,
  specs: readonly (ColumnSpec & { name: C })[],
  groups: ReadonlyArray<readonly string[]> = [],
): Promise<TableFile<C>> {
  const scanner = new Scanner(input[Symbol.asyncIterator]());
  const batches = elements(scanner);
  const header = new RecordHeader(specs, groups);
  let index = 0;
  const rowOf = (text: string): SourceRow<C> => {
    const row = recordRow(parse(text, index), index, header);
    index++;
    return row;
  };
  const first = await batches.next();
  const firstBatch = first.done ? [] : first.value;
  const firstRow = firstBatch.length > 0 ? rowOf(firstBatch[0]!) : null; // the header knows its keys before rows are read
  return {
    header: header.header,
    headerCells: null,
    headerRow: 0,
    delimiter: null,
    rows: (async function* () {
      if (firstRow === null) return;
      yield firstRow;
      for (let k = 1; k < firstBatch.length; k++) yield rowOf(firstBatch[k]!);
      for await (const batch of batches) for (const text of batch) yield rowOf(text);
    })(),
  };
}
