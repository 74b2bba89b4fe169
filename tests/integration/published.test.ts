// Published records (SPEC §7, issue 19): a published month is frozen — dossiers imported into it afterwards change the
// live rankings and late lists, never the record the public pages, the API and the notice serve; republishing makes a
// version 2 with what changed, version 1 stays readable; unpublishing hides the month without deleting its versions.
import { Readable } from 'node:stream';
import JSZip from 'jszip';
import { beforeAll, describe, expect, test } from 'vitest';
import { GET as getMonth } from '../../app/api/v1/published/[month]/route';
import { GET as getNotice } from '../../app/api/v1/published/[month]/notice.docx/route';
import { GET as getList } from '../../app/api/v1/published/route';
import { monthRange } from '../../lib/calendar';
import { parseRecord, serializeRecord, type StoredRecord } from '../../lib/publication';
import { lateUnitsTable, leagueTable, overallTable } from '../../lib/publication/notice';
import { importFile } from '../../lib/server/import/run';
import { listLateUnits } from '../../lib/server/queries/late';
import { getPublication, publishMonth, unpublishMonth } from '../../lib/server/queries/published';
import { getRankings } from '../../lib/server/queries/report';
import { findRootUnit } from '../../lib/server/queries/units';
import { seedDemoData } from '../../prisma/seed/load';
import { connect } from './helpers';

/** The last full month: published records are of months that have ended. */
const MONTH = (() => {
  const d = new Date();
  const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1));
  return m.toISOString().slice(0, 7);
})();
const PERIOD = monthRange(`${MONTH}-01`);

/** A route called as Next calls it: the request, and the path's segments. No credentials: the public. */
async function call(handler: typeof getMonth, path: string, params: Record<string, string> = {}) {
  return handler(new Request(`http://localhost${path}`), { params: Promise.resolve(params) });
}
const json = async (path: string, month = MONTH) => {
  const r = await call(getMonth, path, { month });
  return { status: r.status, body: await r.json() };
};

/** The tables of a DOCX's word/document.xml: rows of cells of text (nested tables are not used in data tables). */
async function docxTables(bytes: ArrayBuffer): Promise<string[][][]> {
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  const text = (s: string) =>
    [...s.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
      .map((m) => m[1]!)
      .join('')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'");
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) =>
    [...t[1]!.matchAll(/<w:tr[ >]([\s\S]*?)<\/w:tr>/g)].map((r) =>
      [...r[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => text(c[1]!)),
    ),
  );
}
const notice = async (query = '') => {
  const r = await call(getNotice, `/api/v1/published/${MONTH}/notice.docx${query}`, { month: MONTH });
  return { response: r, bytes: await r.arrayBuffer() };
};
const documentXml = async (bytes: ArrayBuffer) => (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');

let commune: { code: string; name: string };
let procedure: string;

beforeAll(async () => {
  await seedDemoData(process.env.DATABASE_URL!, { demo: 'kon-tum-2024', dossiers: 6_000, seed: 19, until: new Date() });
  const client = await connect();
  // A commune with few late dossiers in the month, so that ten more change its rank and its place on the late list.
  commune = (
    await client.query(
      `SELECT u.code, u.name FROM units u WHERE u.level = 'xa' AND u.valid_to IS NULL ORDER BY u.sort_order, u.code LIMIT 1`,
    )
  ).rows[0];
  procedure = (await client.query(`SELECT code FROM procedures ORDER BY code LIMIT 1`)).rows[0].code;
  await client.end();
});

/** Ten dossiers of the commune received in the month, all resolved late, imported as a one-stop system sends them. */
async function importLateDossiers() {
  const day = (d: number, h = 9) => `${MONTH}-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00+07:00`;
  const lines = ['MaHoSo,MaDonVi,MaTTHC,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,CanBoXuLy'];
  for (let i = 0; i < 10; i++)
    lines.push(`PUB-LATE-${i},${commune.code},${procedure},${day(3)},${day(5)},${day(25)},Cán bộ Trễ Hạn`);
  const s = await importFile('dossiers', Readable.from([lines.join('\n') + '\n']), { fileName: 'late.csv', source: 'test' });
  expect({ inserted: s.inserted, rejected: s.rejected }).toEqual({ inserted: 10, rejected: [] });
}

describe('a published month', () => {
  test('is frozen: a later import changes the live rankings, not the page data, the API or the notice; republishing makes version 2, unpublishing hides it', async () => {
    const root = (await findRootUnit(PERIOD.to))!;
    const { version } = await publishMonth(MONTH, 'user:test', true);
    expect(version).toBe(1);

    const before = await json(`/api/v1/published/${MONTH}`);
    expect(before.status).toBe(200);
    // Conditional: the same for everyone, revalidated each time; a tag that still matches is a 304 without a body.
    const tagged = await call(getMonth, `/api/v1/published/${MONTH}`, { month: MONTH });
    const etag = tagged.headers.get('etag')!;
    expect({ etag, cache: tagged.headers.get('cache-control') }).toEqual({
      etag: 'W/"pub-' + MONTH + '-v1-l1"',
      cache: 'public, no-cache',
    });
    const revalidate = (tag: string, path = `/api/v1/published/${MONTH}`) =>
      getMonth(new Request(`http://localhost${path}`, { headers: { 'If-None-Match': tag } }), {
        params: Promise.resolve({ month: MONTH }),
      });
    const unchanged = await revalidate(etag);
    expect({ status: unchanged.status, body: await unchanged.text() }).toEqual({ status: 304, body: '' });
    expect({ version: before.body.version, latest: before.body.latest, changes: before.body.changes }).toEqual({
      version: 1,
      latest: 1,
      changes: null,
    });
    const record = parseRecord(before.body.record as StoredRecord);
    expect(record.tables.map((t) => t.level)).toEqual(expect.arrayContaining(['so_nganh', 'xa']));
    expect(record.units.length).toBeGreaterThan(10);
    expect(record.lateHandlers).not.toBeNull();
    const noticeBefore = await notice();
    expect(noticeBefore.response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(noticeBefore.response.headers.get('content-disposition')).toContain(
      encodeURIComponent(`Thông báo kết quả giải quyết TTHC tháng ${MONTH.slice(5)}-${MONTH.slice(0, 4)}.docx`),
    );
    const liveBefore = await getRankings(root.code, 'xa', PERIOD, { view: 'historical' });
    const lateBefore = await listLateUnits(root, ['so_nganh', 'huyen', 'xa'], PERIOD, new Date(), 'historical');

    await importLateDossiers();

    // The live figures moved…
    const liveAfter = await getRankings(root.code, 'xa', PERIOD, { view: 'historical' });
    const row = (r: typeof liveBefore, code: string) => r.rows.find((x) => x.unit.code === code)!;
    expect(row(liveAfter, commune.code).value).not.toBe(row(liveBefore, commune.code).value);
    const late = (rows: typeof lateBefore) => rows.find((r) => r.unit.code === commune.code);
    const lateAfter = await listLateUnits(root, ['so_nganh', 'huyen', 'xa'], PERIOD, new Date(), 'historical');
    expect((late(lateAfter)?.resolvedLate ?? 0) - (late(lateBefore)?.resolvedLate ?? 0)).toBe(10);
    // …the published ones did not: the page's data, the API and the notice are those of the moment of publishing.
    expect((await json(`/api/v1/published/${MONTH}`)).body).toEqual(before.body);
    expect(serializeRecord((await getPublication(MONTH))!.record)).toEqual(before.body.record);
    expect(await documentXml((await notice()).bytes)).toEqual(await documentXml(noticeBefore.bytes));

    // Republishing: version 2 with the new figures and what changed; version 1 still readable as it was.
    expect((await publishMonth(MONTH, 'user:test', true)).version).toBe(2);
    const v2 = await json(`/api/v1/published/${MONTH}`);
    expect({ version: v2.body.version, latest: v2.body.latest }).toEqual({ version: 2, latest: 2 });
    expect(v2.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const communeRow = v2.body.record.tables
      .find((t: { level: string }) => t.level === 'xa')
      .rows.find((r: { unit: { code: string } }) => r.unit.code === commune.code);
    expect(communeRow.value).toBe(row(liveAfter, commune.code).value);
    expect(v2.body.changes.since).toBe(1);
    const named = [
      ...v2.body.changes.ranking.map((d: { unit: { code: string } }) => d.unit.code),
      ...v2.body.changes.lateAdded.map((u: { code: string }) => u.code),
      ...v2.body.changes.lateChanged.map((u: { code: string }) => u.code),
    ];
    expect(named).toContain(commune.code);
    if (late(lateBefore)) expect(v2.body.changes.lateChanged).toContainEqual(expect.objectContaining({ code: commune.code }));
    else expect(v2.body.changes.lateAdded).toContainEqual({ code: commune.code, name: commune.name });
    // The month's latest moved on: the old tag no longer matches, version 1 asked by number has a tag of its own.
    expect((await revalidate(etag)).status).toBe(200);
    expect((await revalidate('W/"pub-' + MONTH + '-v1-l2"', `/api/v1/published/${MONTH}?version=1`)).status).toBe(304);
    const v1 = await json(`/api/v1/published/${MONTH}?version=1`);
    expect(v1.status).toBe(200);
    expect(v1.body.record).toEqual(before.body.record);
    expect({ version: v1.body.version, latest: v1.body.latest }).toEqual({ version: 1, latest: 2 });
    expect(await documentXml((await notice('?version=1')).bytes)).toEqual(await documentXml(noticeBefore.bytes));
    const list = await (await getList(new Request('http://localhost/api/v1/published'))).json();
    expect(list.months[0]).toMatchObject({ month: MONTH, version: 2 });

    // Unpublishing: 404 for the month and every version, nothing in the list; the versions are kept.
    expect(await unpublishMonth(MONTH, 'user:test')).toBe(true);
    for (const path of [`/api/v1/published/${MONTH}`, `/api/v1/published/${MONTH}?version=1`]) {
      const r = await json(path);
      expect(r.status).toBe(404);
      expect(JSON.stringify(r.body)).not.toContain(commune.name);
    }
    expect((await notice()).response.status).toBe(404);
    expect((await revalidate('W/"pub-' + MONTH + '-v2-l2"')).status).toBe(404); // withdrawn: no tag revives it
    expect((await (await getList(new Request('http://localhost/api/v1/published'))).json()).months).toEqual([]);
    const client = await connect();
    const kept = await client.query(`SELECT version, withdrawn_by FROM publications WHERE month = $1::date ORDER BY version`, [
      `${MONTH}-01`,
    ]);
    await client.end();
    expect(kept.rows).toEqual([
      { version: 1, withdrawn_by: 'user:test' },
      { version: 2, withdrawn_by: 'user:test' },
    ]);
    // Publishing again after that makes a new version; the withdrawn ones stay hidden.
    expect((await publishMonth(MONTH, 'user:test', false)).version).toBe(3);
    const v3 = await json(`/api/v1/published/${MONTH}`);
    expect({ version: v3.body.version, versions: v3.body.versions.length, handlers: v3.body.record.lateHandlers }).toEqual({
      version: 3,
      versions: 1,
      handlers: null,
    });
    expect((await json(`/api/v1/published/${MONTH}?version=2`)).status).toBe(404);
  });

  test('a month never published, an impossible month and a bad token are refused', async () => {
    expect((await json('/api/v1/published/2019-01', '2019-01')).status).toBe(404);
    expect((await json('/api/v1/published/2019-13', '2019-13')).status).toBe(400);
    const r = await getMonth(
      new Request(`http://localhost/api/v1/published/${MONTH}`, { headers: { Authorization: 'Bearer nope' } }),
      { params: Promise.resolve({ month: MONTH }) },
    );
    expect(r.status).toBe(401);
  });

  test("the notice's tables are the record's: overall results, each league table, the late units", async () => {
    const { version } = await publishMonth(MONTH, 'user:test', false);
    const p = (await getPublication(MONTH, version))!;
    const tables = await docxTables((await notice(`?version=${version}`)).bytes);
    const expected = [
      overallTable(p.record.overall[0]!),
      ...p.record.tables.filter((t) => t.rows.length > 0).map(leagueTable),
      ...(p.record.lateUnits.length > 0 ? [lateUnitsTable(p.record)] : []),
    ].map((t) => [t.header, ...t.rows]);
    // The heading block and the signature block are borderless layout tables, first and last.
    expect(tables.slice(1, -1)).toEqual(expected);
    expect(tables[0]!.flat().join(' ')).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(tables[0]!.flat().join(' ')).toContain('Số: ……/TB-VP');
    const xml = await documentXml((await notice(`?version=${version}`)).bytes);
    expect(xml).toContain(`Kết quả giải quyết hồ sơ thủ tục hành chính tháng ${MONTH.slice(5)}/${MONTH.slice(0, 4)}`);
    expect(xml).toContain('ĐỀ NGHỊ');
    // A4, Times New Roman.
    expect(xml).toContain('w:w="11906"');
    const styles = await (
      await JSZip.loadAsync((await notice(`?version=${version}`)).bytes)
    )
      .file('word/styles.xml')!
      .async('string');
    expect(styles).toContain('Times New Roman');
  });
});
