// .json files of dossiers (SPEC §4.1): the DongBoHoSoMC envelope or a bare array, streamed record by record.
//
// Speed (the bench below, 200,000 records of 930 characters = 186 MB, on the 2-core machine while another benchmark
// ran): about 74,000 records/s (70 MB/s) under vitest and 95,000–105,000 records/s under plain node (tsx, 64 KB
// chunks), JSON.parse, flattenDongBo and the column mapping included; heap under 50 MB throughout. Run it with
//   BENCH_JSON=1 npx vitest run --project unit lib/import/json
import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { DOSSIER_COLUMNS, DOSSIER_COLUMN_GROUPS } from './headers';
import { JsonFormatError, openJson } from './json';
import { CsvFormatError } from './csv';
import type { SourceRow } from './source';

/** The text as a stream of chunks of the given sizes in bytes (cycled), to cut characters, strings and escapes anywhere. */
function streamOf(text: string, sizes: number[] = [1 << 16]): Readable {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = Math.max(1, sizes[i % sizes.length]!);
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return Readable.from(chunks);
}

async function readJson(text: string, sizes?: number[]) {
  const file = await openJson(streamOf(text, sizes), DOSSIER_COLUMNS, DOSSIER_COLUMN_GROUPS);
  const rows: SourceRow<string>[] = [];
  for await (const row of file.rows) rows.push(row);
  return { file, rows };
}

async function failure(text: string, sizes?: number[]) {
  const rows: number[] = [];
  try {
    const file = await openJson(streamOf(text, sizes), DOSSIER_COLUMNS);
    for await (const row of file.rows) rows.push(row.row);
  } catch (error) {
    return { error: error as JsonFormatError, rows };
  }
  throw new Error('no error');
}

const tricky = {
  MaHoSo: '000.00.13.H48-251201-0001',
  TenTTHC: 'Đăng ký khai sinh {"[\\]}" \u00e9\u0301 😀 \n\t',
  KenhThucHien: 2,
  NgayTiepNhan: '20251201080000',
  DanhSachHoSoBoSung: [{ NgayBoSung: '20251202090000', NgayTiepNhanBoSung: '', NoiDungBoSung: '}]"{[' }],
  DanhSachLePhi: [{ Gia: '8000' }, { Gia: 2000 }],
  ChuHoSo: 'PII-MARKER-json',
};
const trickyRow = {
  row: 0,
  raw: {
    MaHoSo: '000.00.13.H48-251201-0001',
    TenTTHC: tricky.TenTTHC,
    KenhThucHien: '2',
    NgayTiepNhan: '20251201080000',
    SoLanBoSung: '1',
    NgayYeuCauBoSung: '20251202090000',
    PhiLePhi: '10000',
  },
  original: {
    MaHoSo: '000.00.13.H48-251201-0001',
    TenTTHC: tricky.TenTTHC,
    KenhThucHien: 2,
    NgayTiepNhan: '20251201080000',
    DanhSachHoSoBoSung: [{ NgayBoSung: '20251202090000', NgayTiepNhanBoSung: '' }],
    DanhSachLePhi: [{ Gia: '8000' }, { Gia: 2000 }],
  },
};

describe('openJson', () => {
  test('the envelope, keys in any order, BOM and white space; records that differ in keys', async () => {
    const text = `\uFEFF \n{ "data" : [ ${JSON.stringify(tricky)} ,\n {"Mã hồ sơ": "B", "Phòng ban": "x"}, {"MaHoSo": "C"} ] ,"isUpdating":"True", "service":"DongBoHoSoMC"}\n`;
    const { file, rows } = await readJson(text);
    expect(rows).toEqual([
      trickyRow,
      { row: 1, raw: { MaHoSo: 'B' }, original: { 'Mã hồ sơ': 'B', 'Phòng ban': 'x' } },
      { row: 2, raw: { MaHoSo: 'C' }, original: { MaHoSo: 'C' } },
    ]);
    expect(file).toMatchObject({ headerCells: null, headerRow: 0, delimiter: null });
    // Learnt as the records came: "Phòng ban" was not in the first record.
    expect(file.header.ignored).toEqual(['Phòng ban']);
    expect(file.header.missing).toEqual(['MaDonVi']);
    expect(JSON.stringify(rows)).not.toContain('PII-MARKER');
  });

  test('a bare array; an empty one', async () => {
    expect((await readJson(`[${JSON.stringify(tricky)}]`)).rows).toEqual([trickyRow]);
    expect((await readJson('[ ]')).rows).toEqual([]);
    expect((await readJson('{"service":"DongBoHoSoMC","isUpdating":"False","data":[]}')).rows).toEqual([]);
  });

  test('a non-record element is a row of nothing, rejected by validation under its index; the next ones are read', async () => {
    const { rows } = await readJson('[{"MaHoSo":"A"}, "PII-MARKER-x", 5, null, [1], {"MaHoSo":"B"}]');
    expect(rows.map((r) => [r.row, r.raw, r.original])).toEqual([
      [0, { MaHoSo: 'A' }, { MaHoSo: 'A' }],
      [1, {}, {}],
      [2, {}, {}],
      [3, {}, {}],
      [4, {}, {}],
      [5, { MaHoSo: 'B' }, { MaHoSo: 'B' }],
    ]);
  });

  test('every way of cutting the stream reads the same (UTF-8 split inside a character, a string, an escape)', async () => {
    const text = JSON.stringify({ service: 'DongBoHoSoMC', data: [tricky, { ...tricky, MaHoSo: 'Đ\\"ư' }, tricky] });
    const expected = (await readJson(text)).rows;
    expect(expected).toHaveLength(3);
    for (const sizes of [[1], [2], [3], [5, 1, 7], [13], [64, 1]]) expect((await readJson(text, sizes)).rows).toEqual(expected);
  });

  test('another service is refused before anything is read', async () => {
    const { error, rows } = await failure('{"service":"CapNhatTienDoHoSoMC","data":[{"MaHoSo":"A"}]}');
    expect(error).toBeInstanceOf(JsonFormatError);
    expect(error).toBeInstanceOf(CsvFormatError); // the importer's "file cannot be read"
    expect(error.message).toBe(
      'Tệp JSON không đọc được: dịch vụ "CapNhatTienDoHoSoMC" không phải DongBoHoSoMC (đồng bộ hồ sơ): tệp này không chứa danh sách hồ sơ để nhập',
    );
    expect(rows).toEqual([]);
  });

  test('a service named after the data is checked there, once the records were read', async () => {
    const { error, rows } = await failure('{"data":[{"MaHoSo":"A"}],"service":"TraCuuHoSo"}');
    expect(error.message).toMatch(/dịch vụ "TraCuuHoSo" không phải DongBoHoSoMC/);
    expect(rows).toEqual([0]);
  });

  test.each([
    ['a record broken in the middle', '[{"MaHoSo":"A"},{"MaHoSo":"B",},{"MaHoSo":"C"}]', 1, [0]],
    ['a truncated file', '{"service":"DongBoHoSoMC","data":[{"MaHoSo":"A"},{"MaHoSo":"B","TenTTHC":"Đăng', 1, [0]],
    ['a missing comma', '[{"MaHoSo":"A"} {"MaHoSo":"B"}]', 1, [0]],
    ['an unclosed array', '[{"MaHoSo":"A"},{"MaHoSo":"B"}', 2, [0, 1]],
    ['a trailing comma', '[{"MaHoSo":"A"},]', 1, [0]],
    ['a bad scalar', '[{"MaHoSo":"A"}, tru]', 1, [0]],
    ['a broken first record', '[{"MaHoSo":"A"]', 0, []],
  ])('%s: the record where it broke is named, the ones before were read', async (_, text, record, read) => {
    const { error, rows } = await failure(text);
    expect(error).toBeInstanceOf(JsonFormatError);
    expect(error.record).toBe(record);
    expect(error.message).toMatch(new RegExp(`^Tệp JSON không đọc được từ bản ghi số ${record} \\(đếm từ 0\\)`));
    expect(rows).toEqual(read);
  });

  test.each([
    ['an empty file', '', 'Tệp JSON không đọc được: tệp rỗng'],
    ['not JSON', 'MaHoSo;MaDonVi\n', /^Tệp JSON không đọc được: không phải JSON của hồ sơ .* bắt đầu bằng "M"$/],
    [
      'an envelope without data',
      '{"service":"DongBoHoSoMC","isUpdating":"False"}',
      'Tệp JSON không đọc được: không có mảng "data"',
    ],
    [
      'data not an array',
      '{"service":"DongBoHoSoMC","data":{"MaHoSo":"A"}}',
      'Tệp JSON không đọc được: "data" phải là một mảng hồ sơ',
    ],
    ['garbage after the data', '[{"MaHoSo":"A"}] x', 'Tệp JSON không đọc được: có nội dung thừa sau dữ liệu ("x")'],
    ['a broken envelope', '{"service" "DongBoHoSoMC"}', 'Tệp JSON không đọc được: thiếu ":" sau "service"'],
  ])('%s is refused', async (_, text, message) => {
    const { error } = await failure(text);
    expect(error).toBeInstanceOf(JsonFormatError);
    expect(error.message).toMatch(message);
  });

  test('random cuts and corruptions never crash: rows are read, or the break is named', async () => {
    const text = JSON.stringify({
      service: 'DongBoHoSoMC',
      data: Array.from({ length: 20 }, (_, i) => ({ ...tricky, MaHoSo: `HS-${i}` })),
    });
    let seed = 7;
    const random = (n: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % n;
    for (let i = 0; i < 200; i++) {
      const bytes = Buffer.from(text);
      if (i % 2 === 0) for (let k = 0; k < 1 + random(3); k++) bytes[random(bytes.length)] = random(256);
      const cut = i % 2 === 1 ? bytes.subarray(0, random(bytes.length)) : bytes;
      try {
        const file = await openJson(Readable.from([cut]), DOSSIER_COLUMNS);
        for await (const row of file.rows) expect(row.row).toBeGreaterThanOrEqual(0);
      } catch (error) {
        expect(error).toBeInstanceOf(JsonFormatError);
      }
    }
  });

  test.runIf(process.env.BENCH_JSON)('bench: 200,000 records of about 1 KB', { timeout: 120_000 }, async () => {
    const record = JSON.stringify({
      ...tricky,
      TenTTHC: 'Cấp bản sao Trích lục hộ tịch',
      MaTTHC: '2.000635',
      MaLinhVuc: 'HT',
      TenLinhVuc: 'Hộ tịch',
      NgayHenTra: '20251203170000',
      NgayKetThucXuLy: '20251202100000',
      NgayTra: '20251202150000',
      TrangThaiHoSo: '10',
      DonViXuLy: 'UBND phường Kon Tum',
      MaDinhDanh: '000.00.13.H48',
      DuocThanhToanTrucTuyen: '3',
      SoDienThoai: '0900000000',
      Email: 'a@example.com',
      DiaChi: 'Tổ 1, phường Kon Tum, tỉnh Quảng Ngãi',
      TaiLieuNop: [
        {
          TenTepDinhKem: 'to-khai.pdf',
          DuongDanTep: 'https://example.com/files/to-khai.pdf',
          DuocSoHoa: '1',
          DuocTaiSuDung: '0',
        },
        {
          TenTepDinhKem: 'giay-to.pdf',
          DuongDanTep: 'https://example.com/files/giay-to.pdf',
          DuocSoHoa: '0',
          DuocTaiSuDung: '1',
        },
      ],
    });
    const count = 200_000;
    const thousand = Buffer.from(`${Array.from({ length: 1000 }, () => record).join(',')},`);
    const input = Readable.from(
      (function* () {
        yield Buffer.from('{"service":"DongBoHoSoMC","isUpdating":"False","data":[');
        for (let i = 0; i < count; i += 1000) yield i + 1000 < count ? thousand : thousand.subarray(0, thousand.length - 1);
        yield Buffer.from(']}');
      })(),
    );
    const started = performance.now();
    const file = await openJson(input, DOSSIER_COLUMNS);
    let n = 0;
    for await (const row of file.rows) if (row.raw.MaHoSo) n++;
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${record.length} chars a record: ${Math.round(n / seconds)} records/s, ${Math.round((n * record.length) / seconds / 1e6)} MB/s, heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB`,
    );
    expect(n).toBe(count);
  });
});
