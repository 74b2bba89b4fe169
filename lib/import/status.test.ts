// TrangThaiHoSo (SPEC §4.1): read as a code or a label, applied to the row's text before validation.
import { describe, expect, test } from 'vitest';
import { parseDossierRow } from './dossier-row';
import { applyStatus, readStatus } from './status';

describe('readStatus', () => {
  test.each([
    ['10', 10],
    ['05', 5],
    [' 4 ', 4],
    ['Mới đăng ký', 1],
    ['MOI DANG KY', 1],
    ['Được tiếp nhận', 2],
    ['Đã tiếp nhận', 2],
    ['Không được tiếp nhận', 3],
    ['Đang xử lý', 4],
    ['dang  xu   ly', 4],
    ['Yêu cầu bổ sung giấy tờ', 5],
    ['Chờ bổ sung', 5],
    ['Yêu cầu thực hiện nghĩa vụ tài chính', 6],
    ['Công dân yêu cầu rút hồ sơ', 7],
    ['Dừng xử lý', 8],
    ['Đã xử lý xong', 9],
    ['Đã trả kết quả', 10],
    ['ĐÃ TRẢ KẾT QUẢ', 10],
    ['0', null],
    ['11', null],
    ['Đã duyệt', null],
  ])('%s → %s', (text, code) => expect(readStatus(text)).toBe(code));
});

const R = { MaHoSo: 'HS-1', NgayTiepNhan: '20251201080000' };
const T = (reason: string) => ({ errors: [{ column: 'TrangThaiHoSo', value: expect.any(String), reason }] });

describe('applyStatus', () => {
  test.each([
    ['no status: unchanged', {}, { raw: R }],
    ['1: skipped', { TrangThaiHoSo: '1' }, { skip: 'chưa được tiếp nhận (trạng thái 1 – Mới đăng ký)' }],
    [
      '3: skipped',
      { TrangThaiHoSo: 'Không được tiếp nhận' },
      { skip: 'không được tiếp nhận (trạng thái 3 – Không được tiếp nhận)' },
    ],
    ['1 even with dates', { TrangThaiHoSo: '1', NgayKetThucXuLy: '20251202080000' }, { skip: expect.any(String) }],
    ['2 in progress', { TrangThaiHoSo: '2' }, 'same'],
    [
      '4 with a completed supplement',
      { TrangThaiHoSo: '4', NgayYeuCauBoSung: '20251202080000', NgayHoanThanhBoSung: '20251203080000' },
      'same',
    ],
    ['6 in progress', { TrangThaiHoSo: '6', NgayHenTra: '20251210170000' }, 'same'],
    [
      '4 with an end date',
      { TrangThaiHoSo: '4', NgayKetThucXuLy: '20251202080000', NgayTra: '20251203080000' },
      T('trạng thái 4 – Đang xử lý (chưa xử lý xong) nhưng có ngày kết thúc xử lý, ngày trả kết quả'),
    ],
    [
      '2 with a supplement still awaited',
      { TrangThaiHoSo: '2', NgayYeuCauBoSung: '20251202080000' },
      T(
        'trạng thái 2 – Được tiếp nhận nhưng có yêu cầu bổ sung chưa hoàn thành (ngày yêu cầu bổ sung, không có ngày hoàn thành bổ sung)',
      ),
    ],
    ['5 waiting for a supplement', { TrangThaiHoSo: '5', NgayYeuCauBoSung: '20251202080000' }, 'same'],
    [
      '5 without a request',
      { TrangThaiHoSo: 'Chờ bổ sung' },
      T('trạng thái 5 – Yêu cầu bổ sung giấy tờ nhưng không có ngày yêu cầu bổ sung'),
    ],
    [
      '5 already completed',
      { TrangThaiHoSo: '5', NgayYeuCauBoSung: '20251202080000', NgayHoanThanhBoSung: '20251203080000' },
      T('trạng thái 5 – Yêu cầu bổ sung giấy tờ nhưng đã có ngày hoàn thành bổ sung'),
    ],
    [
      '5 with an end date',
      { TrangThaiHoSo: '5', NgayYeuCauBoSung: '20251202080000', NgayTuChoi: '20251203080000' },
      T('trạng thái 5 – Yêu cầu bổ sung giấy tờ (đang chờ bổ sung) nhưng có ngày từ chối'),
    ],
    ['7 with NgayRutHoSo', { TrangThaiHoSo: '7', NgayRutHoSo: '20251202080000' }, 'same'],
    [
      '7 withdrawn at NgayKetThucXuLy',
      { TrangThaiHoSo: '7', NgayKetThucXuLy: '20251202080000', NgayTra: '20251203080000' },
      {
        raw: {
          ...R,
          TrangThaiHoSo: '7',
          NgayKetThucXuLy: '20251202080000',
          NgayTra: '20251203080000',
          NgayRutHoSo: '20251202080000',
        },
      },
    ],
    [
      '7 withdrawn at NgayTra',
      { TrangThaiHoSo: '7', NgayTra: '20251203080000' },
      {
        raw: { ...R, TrangThaiHoSo: '7', NgayTra: '20251203080000', NgayRutHoSo: '20251203080000' },
      },
    ],
    [
      '7 without a date',
      { TrangThaiHoSo: '7', NgayTuChoi: '20251203080000' },
      T('trạng thái 7 – Công dân yêu cầu rút hồ sơ nhưng không có ngày rút hồ sơ (hay ngày kết thúc xử lý, ngày trả)'),
    ],
    ['8 with NgayTuChoi', { TrangThaiHoSo: '8', NgayTuChoi: '20251202080000' }, 'same'],
    [
      '8 stopped at NgayKetThucXuLy',
      { TrangThaiHoSo: '8', NgayKetThucXuLy: '20251202080000' },
      {
        raw: { ...R, TrangThaiHoSo: '8', NgayKetThucXuLy: '20251202080000', NgayTuChoi: '20251202080000' },
      },
    ],
    [
      '8 with only NgayTra',
      { TrangThaiHoSo: '8', NgayTra: '20251202080000' },
      T('trạng thái 8 – Dừng xử lý nhưng không có ngày từ chối (hay ngày kết thúc xử lý)'),
    ],
    ['9 finished', { TrangThaiHoSo: '9', NgayKetThucXuLy: '20251202080000' }, 'same'],
    [
      '9 with only NgayTra',
      { TrangThaiHoSo: '9', NgayTra: '20251202080000' },
      T('trạng thái 9 – Đã xử lý xong nhưng không có ngày kết thúc xử lý'),
    ],
    ['10 with both', { TrangThaiHoSo: '10', NgayKetThucXuLy: '20251202080000', NgayTra: '20251202150000' }, 'same'],
    // SPEC §2 then ends it at NgayTra: nothing to fill in.
    ['10 with only NgayTra', { TrangThaiHoSo: 'Đã trả kết quả', NgayTra: '20251202150000' }, 'same'],
    [
      '10 without an end',
      { TrangThaiHoSo: '10', NgayTuChoi: '20251202150000' },
      T('trạng thái 10 – Đã trả kết quả nhưng không có ngày kết thúc xử lý hay ngày trả'),
    ],
    [
      'an unknown status',
      { TrangThaiHoSo: 'Đã duyệt' },
      T('"Đã duyệt" không phải trạng thái hồ sơ (mã 1–10 hoặc tên trạng thái)'),
    ],
    [
      'blank dates are absent',
      { TrangThaiHoSo: '9', NgayKetThucXuLy: '  ' },
      T('trạng thái 9 – Đã xử lý xong nhưng không có ngày kết thúc xử lý'),
    ],
  ] as const)('%s', (_, row, expected) => {
    const raw = { ...R, ...row };
    expect(applyStatus(raw)).toEqual(expected === 'same' ? { raw } : expected);
  });
});

describe('parseDossierRow with a status', () => {
  const row = { ...R, MaDonVi: '23293', MaTTHC: '1.001193' };

  test('skipped, not rejected', () => {
    expect(parseDossierRow({ ...row, TrangThaiHoSo: 'Mới đăng ký' }, 7)).toEqual({
      ok: false,
      skip: 'chưa được tiếp nhận (trạng thái 1 – Mới đăng ký)',
      errors: [],
    });
  });

  test('the end date a status implies is read', () => {
    const parsed = parseDossierRow({ ...row, TrangThaiHoSo: '7', NgayTra: '20251203080000' }, 7);
    expect(parsed.ok && parsed.record.withdrawnAt).toEqual(new Date('2025-12-03T01:00:00Z'));
  });

  test("a contradiction is reported with the row's other problems", () => {
    expect(parseDossierRow({ ...row, TrangThaiHoSo: '9', KenhThucHien: '7' }, 7)).toEqual({
      ok: false,
      errors: [
        {
          row: 7,
          column: 'TrangThaiHoSo',
          value: '9',
          reason: 'trạng thái 9 – Đã xử lý xong nhưng không có ngày kết thúc xử lý',
        },
        { row: 7, column: 'KenhThucHien', value: '7', reason: expect.stringContaining('"7"') },
      ],
    });
  });
});
