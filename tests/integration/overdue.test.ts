// The overdue list's filters (SPEC §5): each filter and combinations give exactly the rows of the unfiltered list that
// match, with a total equal to the rows; unknown codes 404, bad values 400; the scope still holds; exports honour them.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, test } from 'vitest';
import { GET as getOverdueList } from '../../app/api/v1/overdue/route';
import { OVERDUE_COLUMNS, OVERDUE_STATUS_LABELS, overdueCells } from '../../lib/export/overdue';
import { seedDemoData } from '../../prisma/seed/load';
import { apiTokenHeaders, connect } from './helpers';

interface Row {
  code: string;
  receivedAt: string;
  dueAt: string;
  endedAt: string | null;
  status: 'resolved_late' | 'pending_late';
  unit: { code: string; name: string };
  procedure: { code: string; name: string };
  field: { code: string; name: string };
  handler: string | null;
  apologyAt: string | null;
  daysLate: number;
}

let auth: Record<string, string> = {};
const call = async (path: string, headers = auth) => {
  const response = await getOverdueList(new Request(`http://localhost${path}`, { headers }));
  return { status: response.status, response };
};
const json = async (path: string, headers = auth) => {
  const { status, response } = await call(path, headers);
  return { status, body: await response.json() };
};

let province: string;
let district: string;
// Three full months before this one, and this month so far (pending late dossiers are judged now).
const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const first = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 4, 1)).toISOString().slice(0, 10);
const period = `from=${first}&to=${today}`;

/** Every row of a query, page by page; and the total the first page announced. */
async function all(query: string, headers = auth): Promise<{ total: number; rows: Row[] }> {
  const rows: Row[] = [];
  let total = -1;
  for (let page = 1; ; page++) {
    const { status, body } = await json(`/api/v1/overdue?${query}&pageSize=500&page=${page}`, headers);
    expect(status, JSON.stringify(body)).toBe(200);
    if (page === 1) total = body.total;
    rows.push(...body.rows);
    if (body.rows.length < 500) break;
  }
  return { total, rows };
}

/** The test's own folding (the reference for the handler search). */
const plain = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase();

let everything: Row[];

beforeAll(async () => {
  await seedDemoData(process.env.DATABASE_URL!, { demo: 'kon-tum-2024', dossiers: 20_000, seed: 11, until: new Date() });
  const client = await connect();
  province = (await client.query(`SELECT code FROM units WHERE parent_id IS NULL`)).rows[0].code;
  district = (await client.query(`SELECT code FROM units WHERE level = 'huyen' ORDER BY sort_order LIMIT 1`)).rows[0].code;
  await client.end();
  auth = await apiTokenHeaders('auditor');
  const unfiltered = await all(`unit=${province}&${period}`);
  expect(unfiltered.rows).toHaveLength(unfiltered.total);
  everything = unfiltered.rows;
  expect(everything.length).toBeGreaterThan(100);
  expect(new Set(everything.map((r) => r.status))).toEqual(new Set(['pending_late', 'resolved_late']));
});

/** The most frequent value of a key among the late dossiers (so the filter keeps some rows and drops others). */
function frequent(key: (r: Row) => string | null): string {
  const counts = new Map<string, number>();
  for (const r of everything) {
    const k = key(r);
    if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
}

describe('each filter keeps exactly the matching rows, in SQL, with the total', () => {
  const cases: Array<[string, () => { query: string; keep: (r: Row) => boolean }]> = [
    ['status=pending_late', () => ({ query: 'status=pending_late', keep: (r) => r.status === 'pending_late' })],
    ['status=resolved_late', () => ({ query: 'status=resolved_late', keep: (r) => r.status === 'resolved_late' })],
    ['apology=yes', () => ({ query: 'apology=yes', keep: (r) => r.apologyAt !== null })],
    ['apology=no', () => ({ query: 'apology=no', keep: (r) => r.apologyAt === null })],
    [
      'field',
      () => {
        const field = frequent((r) => r.field.code);
        return { query: `field=${encodeURIComponent(field)}`, keep: (r) => r.field.code === field };
      },
    ],
    [
      'procedure',
      () => {
        const procedure = frequent((r) => r.procedure.code);
        return { query: `procedure=${encodeURIComponent(procedure)}`, keep: (r) => r.procedure.code === procedure };
      },
    ],
    [
      'handler, without accents and in another case',
      () => {
        const name = frequent((r) => (r.handler && /[^\x00-\x7f]/.test(r.handler) ? r.handler : null));
        // "Nguyễn Văn An" → search "NGUYEN VAN": a part of the name, no diacritics, upper case.
        const part = plain(name).split(' ').slice(0, 2).join(' ').toUpperCase();
        return {
          query: `handler=${encodeURIComponent(part)}`,
          keep: (r) => r.handler !== null && plain(r.handler).includes(part.toLowerCase()),
        };
      },
    ],
    [
      'handler, with accents, one word',
      () => {
        const name = frequent((r) => r.handler);
        const word = name.split(' ').at(-1)!;
        return {
          query: `handler=${encodeURIComponent(word)}`,
          keep: (r) => r.handler !== null && plain(r.handler).includes(plain(word)),
        };
      },
    ],
    [
      'status + field + apology',
      () => {
        const field = frequent((r) => r.field.code);
        return {
          query: `status=resolved_late&field=${encodeURIComponent(field)}&apology=no`,
          keep: (r) => r.status === 'resolved_late' && r.field.code === field && r.apologyAt === null,
        };
      },
    ],
    [
      'procedure + status=pending_late + apology=yes',
      () => {
        const procedure = frequent((r) => (r.status === 'pending_late' ? r.procedure.code : null));
        return {
          query: `procedure=${encodeURIComponent(procedure)}&status=pending_late&apology=yes`,
          keep: (r) => r.procedure.code === procedure && r.status === 'pending_late' && r.apologyAt !== null,
        };
      },
    ],
    [
      'handler + status',
      () => {
        const name = frequent((r) => r.handler);
        return {
          query: `handler=${encodeURIComponent(name.toLowerCase())}&status=resolved_late`,
          keep: (r) => r.handler !== null && plain(r.handler).includes(plain(name)) && r.status === 'resolved_late',
        };
      },
    ],
  ];

  test.each(cases)('%s', async (_name, make) => {
    const { query, keep } = make();
    const expected = everything.filter(keep);
    const got = await all(`unit=${province}&${period}&${query}`);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(everything.length);
    expect(got.total).toBe(expected.length);
    expect(got.rows.map((r) => r.code)).toEqual(expected.map((r) => r.code)); // same order: pending first, by due
  });

  test('the answer names the filter; a blank parameter is no filter', async () => {
    const { body } = await json(`/api/v1/overdue?unit=${province}&${period}&status=pending_late&handler=&field=`);
    expect(body.filter).toEqual({ status: 'pending_late' });
    expect(body.total).toBe(everything.filter((r) => r.status === 'pending_late').length);
  });

  test('a handler stored decomposed (NFD), in capitals and with doubled spaces is found by its plain or accented name', async () => {
    const target = everything.find((r) => r.status === 'resolved_late')!;
    const client = await connect();
    try {
      await client.query('UPDATE dossiers SET handler = $1 WHERE code = $2', ['ĐỖ  THỊ\tHƯỜNG'.normalize('NFD'), target.code]);
      for (const query of ['do thi huong', 'Đỗ Thị Hường', 'ĐỖ THỊ HƯỜNG'.normalize('NFD')]) {
        const { body } = await json(`/api/v1/overdue?unit=${province}&${period}&handler=${encodeURIComponent(query)}`);
        expect(
          body.rows.map((r: Row) => r.code),
          query,
        ).toContain(target.code);
      }
    } finally {
      await client.query('UPDATE dossiers SET handler = $1 WHERE code = $2', [target.handler, target.code]);
      await client.end();
    }
  });

  test('a handler search with LIKE wildcards matches them literally', async () => {
    expect((await json(`/api/v1/overdue?unit=${province}&${period}&handler=${encodeURIComponent('%')}`)).body.total).toBe(0);
    expect((await json(`/api/v1/overdue?unit=${province}&${period}&handler=_`)).body.total).toBe(0);
  });
});

describe('bad filters', () => {
  test.each([
    ['field', 'field=KHONG-CO', 'field_not_found'],
    ['procedure', 'procedure=9.999999', 'procedure_not_found'],
  ])('an unknown %s is a machine-readable 404', async (_name, query, code) => {
    const { status, body } = await json(`/api/v1/overdue?unit=${province}&${period}&${query}`);
    expect(status).toBe(404);
    expect(body).toEqual({ error: code, message: expect.stringMatching(/^Không có/) });
  });

  test.each([
    ['status', 'status=late', 'status là resolved_late hoặc pending_late'],
    ['apology', 'apology=maybe', 'apology là yes hoặc no'],
    ['handler', `handler=${'a'.repeat(101)}`, 'handler: tên cán bộ dài quá 100 ký tự'],
  ])('a bad %s is a 400 naming the parameter, in Vietnamese', async (param, query, message) => {
    const { status, body } = await json(`/api/v1/overdue?unit=${province}&${period}&${query}`);
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_query');
    expect(body.issues).toContainEqual({ param, message });
  });
});

describe('scope and exports', () => {
  test('a chair’s filtered list stays inside the own district, and another unit is still 403', async () => {
    const client = await connect();
    const { rows: own } = await client.query(
      `SELECT code FROM units WHERE path LIKE (SELECT path FROM units WHERE code = $1) || '%'`,
      [district],
    );
    await client.end();
    const chair = await apiTokenHeaders('chair', district);
    const ownCodes = new Set(own.map((u: { code: string }) => u.code));
    const mine = await all(`unit=${district}&${period}&status=resolved_late&apology=no`, chair);
    expect(mine.rows.length).toBeGreaterThan(0);
    for (const r of mine.rows) expect(ownCodes.has(r.unit.code)).toBe(true);
    expect(mine.rows.map((r) => r.code)).toEqual(
      everything
        .filter((r) => ownCodes.has(r.unit.code) && r.status === 'resolved_late' && r.apologyAt === null)
        .map((r) => r.code),
    );
    expect((await json(`/api/v1/overdue?unit=${province}&${period}&status=resolved_late`, chair)).status).toBe(403);
    expect((await call(`/api/v1/overdue?unit=${province}&${period}&status=resolved_late&format=csv`, chair)).status).toBe(403);
  });

  test('the CSV export holds exactly the filtered rows', async () => {
    const field = frequent((r) => r.field.code);
    const query = `unit=${province}&${period}&field=${encodeURIComponent(field)}&status=resolved_late`;
    const expected = await all(query);
    const { status, response } = await call(`/api/v1/overdue?${query}&format=csv`);
    expect(status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const records = parse((await response.text()).replace(/^\uFEFF/, ''), { columns: true }) as Array<Record<string, string>>;
    expect(records.map((r) => r['Mã hồ sơ'])).toEqual(expected.rows.map((r) => r.code));
    expect(records.length).toBe(expected.total);
    for (const r of records) expect(r['Tình trạng']).toBe(OVERDUE_STATUS_LABELS.resolved_late);
  });

  test('the XLSX export holds exactly the filtered rows, cell for cell as the CSV, and no cell is a formula', async () => {
    // Handlers that would start a formula in Excel, on dossiers of the list.
    const hostile = ['=HYPERLINK("http://example.com","x")', '+1+1', '-2+3', '@SUM(1,2)'];
    const targets = everything.filter((r) => r.status === 'resolved_late').slice(0, hostile.length);
    const client = await connect();
    for (const [i, r] of targets.entries())
      await client.query(`UPDATE dossiers SET handler = $1 WHERE code = $2`, [hostile[i], r.code]);
    await client.end();

    const query = `unit=${province}&${period}&status=resolved_late`;
    const expected = await all(query);
    const { status, response } = await call(`/api/v1/overdue?${query}&format=xlsx`);
    expect(status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toContain(`.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('Hồ sơ trễ hạn');
    const values: unknown[][] = [];
    sheet.eachRow((row) => {
      values.push((row.values as unknown[]).slice(1));
      row.eachCell((cell) => {
        expect(cell.formula, cell.address).toBeUndefined();
        expect([ExcelJS.ValueType.String, ExcelJS.ValueType.Number], cell.address).toContain(cell.type);
      });
    });
    expect(values[0]).toEqual([...OVERDUE_COLUMNS]);
    expect(values.length - 1).toBe(expected.total);
    const toDate = (s: string | null) => (s === null ? null : new Date(s));
    const cells = expected.rows.map((r) =>
      overdueCells({
        ...r,
        receivedAt: new Date(r.receivedAt),
        dueAt: new Date(r.dueAt),
        endedAt: toDate(r.endedAt),
        apologyAt: toDate(r.apologyAt),
      }).map((c) => (c === '' ? undefined : c)),
    ); // exceljs leaves an empty cell out
    expect(values.slice(1).map((row) => Array.from({ length: OVERDUE_COLUMNS.length }, (_, i) => row[i]))).toEqual(cells);
    const handlerColumn = OVERDUE_COLUMNS.indexOf('Cán bộ xử lý');
    const byCode = new Map(values.slice(1).map((row) => [row[0], row]));
    for (const [i, r] of targets.entries()) expect(byCode.get(r.code)![handlerColumn]).toBe(hostile[i]);
  });
});
