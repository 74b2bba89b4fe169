// DongBoHoSoMC records as cells (SPEC §4.1): values as text, the lists folded in, personal data never kept.
import { describe, expect, test } from 'vitest';
import { flattenDongBo } from './dongbo';
import { DOSSIER_COLUMNS, DOSSIER_COLUMN_GROUPS } from './headers';
import { Readable } from 'node:stream';
import { openJson } from './json';

describe('flattenDongBo', () => {
  test('values become the text of a cell; null and empty are dropped; nothing personal is kept', () => {
    const { raw, original } = flattenDongBo({
      MaHoSo: '000.00.13.H48-251201-0001',
      KenhThucHien: 2,
      DaSoHoa: true,
      CoKetQuaDienTu: false,
      NgayTra: null,
      NgayTuChoi: '',
      CanBoXuLy: '   ',
      ChuHoSo: 'PII-MARKER-a',
      SoDienThoai: 'PII-MARKER-b',
      Email: 'PII-MARKER-c',
      SoGiayToChuHoSo: 'PII-MARKER-d',
      DiaChi: 'PII-MARKER-e',
      TrichYeuHoSo: 'PII-MARKER-f',
      DinhDanhCHS: [{ SoDinhDanh: 'PII-MARKER-g' }],
      DanhSachTepDinhKemKhac: [{ TenTep: 'PII-MARKER-h.pdf' }],
      DanhSachGiayToKetQua: [{ TenGiayTo: 'PII-MARKER-i' }],
      ThongTinKhac: { x: 'PII-MARKER-j' },
    });
    expect(raw).toEqual({ MaHoSo: '000.00.13.H48-251201-0001', KenhThucHien: '2', DaSoHoa: '1', CoKetQuaDienTu: '0' });
    expect(original).toEqual({
      MaHoSo: '000.00.13.H48-251201-0001',
      KenhThucHien: 2,
      DaSoHoa: true,
      CoKetQuaDienTu: false,
      NgayTra: null,
      NgayTuChoi: '',
      CanBoXuLy: '   ',
    });
  });

  test('the kept lists are reduced to what re-importing needs', () => {
    const record = {
      DanhSachHoSoBoSung: [
        {
          HoSoBoSungId: 1,
          NguoiYeuCauBoSung: 'PII-MARKER-k',
          NgayBoSung: '20251202090000',
          NgayTiepNhanBoSung: '20251203090000',
        },
      ],
      DanhSachLePhi: [{ TenPhiLePhi: 'Lệ phí', Gia: '8000', HinhThucThu: '1' }],
      TaiLieuNop: [{ TenTepDinhKem: 'PII-MARKER-l.pdf', DuocSoHoa: '1', DuocTaiSuDung: '0' }, 'PII-MARKER-m'],
    };
    const { original } = flattenDongBo(record);
    expect(original).toEqual({
      DanhSachHoSoBoSung: [{ NgayBoSung: '20251202090000', NgayTiepNhanBoSung: '20251203090000' }],
      DanhSachLePhi: [{ Gia: '8000' }],
      TaiLieuNop: [{ DuocSoHoa: '1', DuocTaiSuDung: '0' }],
    });
    // Re-importing the kept record reads the same.
    expect(flattenDongBo(original).raw).toEqual(flattenDongBo(record).raw);
    expect(JSON.stringify(original)).not.toContain('PII-MARKER');
  });

  const round = (NgayBoSung: string, NgayTiepNhanBoSung = '') => ({ NgayBoSung, NgayTiepNhanBoSung });
  test.each([
    ['no round', [], {}],
    [
      'one completed round',
      [round('20251202090000', '20251203080000')],
      {
        SoLanBoSung: '1',
        NgayYeuCauBoSung: '20251202090000',
        NgayHoanThanhBoSung: '20251203080000',
      },
    ],
    ['one open round', [round('20251202090000')], { SoLanBoSung: '1', NgayYeuCauBoSung: '20251202090000' }],
    [
      'two completed rounds: the first',
      [round('20251202090000', '20251203080000'), round('20251204090000', '20251205080000')],
      {
        SoLanBoSung: '2',
        NgayYeuCauBoSung: '20251202090000',
        NgayHoanThanhBoSung: '20251203080000',
      },
    ],
    // The dossier waits for the last request (status 5), which SPEC §2 takes as its end.
    [
      'the last round still open: that one',
      [round('20251202090000', '20251203080000'), round('20251204090000')],
      {
        SoLanBoSung: '2',
        NgayYeuCauBoSung: '20251204090000',
      },
    ],
  ])('supplement rounds: %s', (_, rounds, expected) => {
    expect(flattenDongBo({ DanhSachHoSoBoSung: rounds }).raw).toEqual(expected);
  });

  test('supplement columns given at the top level win over the list', () => {
    const { raw } = flattenDongBo({
      SoLanBoSung: '3',
      NgayYeuCauBoSung: '20251201100000',
      DanhSachHoSoBoSung: [round('20251202090000', '20251203080000')],
    });
    expect(raw).toEqual({ SoLanBoSung: '3', NgayYeuCauBoSung: '20251201100000', NgayHoanThanhBoSung: '20251203080000' });
  });

  test.each([
    ['the fees summed', { DanhSachLePhi: [{ Gia: '8000' }, { Gia: 2000 }, { Gia: '' }, { TenPhiLePhi: 'x' }] }, '10000'],
    ['thousands separators', { DanhSachLePhi: [{ Gia: '1.000.000' }, { Gia: '50,000' }] }, '1050000'],
    ['PhiLePhi given wins', { PhiLePhi: '5000', DanhSachLePhi: [{ Gia: '8000' }] }, '5000'],
    ['no amount: no fee', { DanhSachLePhi: [{ Gia: '' }] }, undefined],
    [
      'an amount that is not one is passed on, to be rejected',
      { DanhSachLePhi: [{ Gia: '8000' }, { Gia: 'tám nghìn' }] },
      'tám nghìn',
    ],
  ])('fees: %s', (_, record, expected) => {
    expect(flattenDongBo(record).raw.PhiLePhi).toBe(expected);
  });

  test.each([
    ['1', '1'],
    ['2', '2'],
    ['3', '0'],
    [3, '0'],
    ['0', '0'],
  ])('DuocThanhToanTrucTuyen %s → %s', (code, expected) => {
    expect(flattenDongBo({ DuocThanhToanTrucTuyen: code }).raw.DuocThanhToanTrucTuyen).toBe(expected);
  });

  test.each([
    [
      'one digitised document',
      [{ DuocSoHoa: '0' }, { DuocSoHoa: '1', DuocTaiSuDung: '0' }],
      {},
      { DaSoHoa: '1', HoSoCoThanhPhanSoHoa: '0' },
    ],
    ['one reused document', [{ DuocSoHoa: '0', DuocTaiSuDung: '1' }], {}, { DaSoHoa: '0', HoSoCoThanhPhanSoHoa: '1' }],
    [
      'the record says otherwise: it wins',
      [{ DuocSoHoa: '1', DuocTaiSuDung: '1' }],
      { DaSoHoa: '0', HoSoCoThanhPhanSoHoa: 0 },
      {
        DaSoHoa: '0',
        HoSoCoThanhPhanSoHoa: '0',
      },
    ],
    ['no documents', [], {}, {}],
  ])('TaiLieuNop: %s', (_, TaiLieuNop, top, expected) => {
    expect(flattenDongBo({ ...top, TaiLieuNop }).raw).toEqual(expected);
  });
});

describe('a JSON array of records (POST /api/v1/dossiers) reads as the payload does', () => {
  test('lists folded in, keys of every record matched, a non-record rejected by validation', async () => {
    const body = JSON.stringify([
      { MaHoSo: 'A', NgayTiepNhan: '20251201080000', ChuHoSo: 'PII-MARKER-n', DuocThanhToanTrucTuyen: '3' },
      { 'Mã hồ sơ': 'B', MaHoSo: 'C', DanhSachLePhi: [{ Gia: '8000' }], 'Phòng ban': 'x' },
      'PII-MARKER-o',
    ]);
    const file = await openJson(Readable.from([Buffer.from(body)]), DOSSIER_COLUMNS, DOSSIER_COLUMN_GROUPS);
    const rows = [];
    for await (const row of file.rows) rows.push(row);
    // The header learns each record's keys as they come.
    expect(file.header.ignored).toEqual(['Phòng ban']);
    expect(file.header.duplicated).toEqual(['MaHoSo']); // reported; each record still reads the key it has
    expect(rows).toEqual([
      {
        row: 0,
        raw: { MaHoSo: 'A', NgayTiepNhan: '20251201080000', DuocThanhToanTrucTuyen: '0' },
        original: { MaHoSo: 'A', NgayTiepNhan: '20251201080000', DuocThanhToanTrucTuyen: '3' },
      },
      {
        row: 1,
        raw: { MaHoSo: 'B', PhiLePhi: '8000' },
        original: { 'Mã hồ sơ': 'B', MaHoSo: 'C', DanhSachLePhi: [{ Gia: '8000' }], 'Phòng ban': 'x' },
      },
      { row: 2, raw: {}, original: {} },
    ]);
  });
});
