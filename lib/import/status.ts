// TrangThaiHoSo, the one-stop system's status of a dossier (SPEC §4.1), read on the row's text before validation: a
// dossier never received is skipped; the others' dates must agree with their status, and fill the end date a status
// implies when the record gives it under another name. Pure.
import { normalizeHeader, type DossierColumn } from './headers';

type Raw = Partial<Record<DossierColumn, string>>;

export type DossierStatus = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

/** The national portal's code table (dvcqg README). */
export const STATUS_LABELS: Readonly<Record<DossierStatus, string>> = {
  1: 'Mới đăng ký',
  2: 'Được tiếp nhận',
  3: 'Không được tiếp nhận',
  4: 'Đang xử lý',
  5: 'Yêu cầu bổ sung giấy tờ',
  6: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  7: 'Công dân yêu cầu rút hồ sơ',
  8: 'Dừng xử lý',
  9: 'Đã xử lý xong',
  10: 'Đã trả kết quả',
};

/** Other words spreadsheet exports use for the same statuses. */
const SHORT_FORMS: Readonly<Record<DossierStatus, readonly string[]>> = {
  1: ['Mới', 'Đăng ký mới', 'Hồ sơ mới', 'Mới nộp', 'Chờ tiếp nhận'],
  2: ['Đã tiếp nhận', 'Tiếp nhận', 'Mới tiếp nhận'],
  3: ['Không tiếp nhận', 'Từ chối tiếp nhận'],
  4: ['Đang giải quyết', 'Đang thụ lý'],
  5: ['Yêu cầu bổ sung', 'Yêu cầu bổ sung hồ sơ', 'Chờ bổ sung', 'Đang chờ bổ sung', 'Chờ bổ sung hồ sơ', 'Bổ sung hồ sơ'],
  6: ['Chờ thực hiện nghĩa vụ tài chính', 'Chờ nghĩa vụ tài chính', 'Thực hiện nghĩa vụ tài chính', 'Nghĩa vụ tài chính'],
  7: ['Công dân rút hồ sơ', 'Rút hồ sơ', 'Đã rút hồ sơ', 'Yêu cầu rút hồ sơ'],
  8: ['Đã dừng xử lý', 'Dừng giải quyết'],
  9: ['Đã xử lý', 'Xử lý xong', 'Đã giải quyết', 'Đã giải quyết xong', 'Đã có kết quả', 'Có kết quả'],
  10: ['Đã trả', 'Trả kết quả', 'Đã trả kết quả cho công dân'],
};

const BY_NAME = new Map<string, DossierStatus>(
  (Object.keys(STATUS_LABELS).map(Number) as DossierStatus[]).flatMap((code) =>
    [STATUS_LABELS[code], ...SHORT_FORMS[code]].map((label) => [normalizeHeader(label), code] as const),
  ),
);

/** A status as a code ("10", "05") or a label, ignoring case, diacritics and spacing; null when it is neither. */
export function readStatus(text: string): DossierStatus | null {
  const s = text.trim();
  if (/^\d{1,3}$/.test(s)) {
    const n = Number(s);
    return n >= 1 && n <= 10 ? (n as DossierStatus) : null;
  }
  return BY_NAME.get(normalizeHeader(s)) ?? null;
}

/** The dates that end processing (SPEC §2 `E`), with their names in a reason. */
const END_DATES = [
  ['NgayKetThucXuLy', 'ngày kết thúc xử lý'],
  ['NgayTra', 'ngày trả kết quả'],
  ['NgayTuChoi', 'ngày từ chối'],
  ['NgayRutHoSo', 'ngày rút hồ sơ'],
] as const;

export type StatusError = { column: string; value: string; reason: string };

/**
 * A row's status applied to its text: unchanged (no status, or one its dates agree with), with the end date its status
 * implies filled in (7, 8), skipped (1, 3: never received), or rejected on TrangThaiHoSo with the contradiction.
 */
export function applyStatus(raw: Raw): { raw: Raw } | { skip: string } | { errors: StatusError[] } {
  const text = raw.TrangThaiHoSo?.trim() ?? '';
  if (text === '') return { raw };
  const status = readStatus(text);
  const reject = (reason: string) => ({ errors: [{ column: 'TrangThaiHoSo', value: text.slice(0, 200), reason }] });
  if (status === null) return reject(`"${text.slice(0, 100)}" không phải trạng thái hồ sơ (mã 1–10 hoặc tên trạng thái)`);
  const name = `trạng thái ${status} – ${STATUS_LABELS[status]}`;
  const has = (column: DossierColumn) => (raw[column]?.trim() ?? '') !== '';
  const ended = END_DATES.filter(([column]) => has(column)).map(([, label]) => label);
  // Requested and not completed: SPEC §2 ends the dossier at the request.
  const waiting = has('NgayYeuCauBoSung') && !has('NgayHoanThanhBoSung');

  switch (status) {
    case 1:
      return { skip: `chưa được tiếp nhận (${name})` };
    case 3:
      return { skip: `không được tiếp nhận (${name})` };
    case 2:
    case 4:
    case 6:
      // Still being processed: an end date, or a supplement still awaited (which ends it under SPEC §2), would count it
      // as resolved when the system says it is not — which is true is not ours to guess.
      if (ended.length > 0) return reject(`${name} (chưa xử lý xong) nhưng có ${ended.join(', ')}`);
      if (waiting)
        return reject(
          `${name} nhưng có yêu cầu bổ sung chưa hoàn thành (ngày yêu cầu bổ sung, không có ngày hoàn thành bổ sung)`,
        );
      return { raw };
    case 5:
      if (!has('NgayYeuCauBoSung')) return reject(`${name} nhưng không có ngày yêu cầu bổ sung`);
      if (has('NgayHoanThanhBoSung')) return reject(`${name} nhưng đã có ngày hoàn thành bổ sung`);
      if (ended.length > 0) return reject(`${name} (đang chờ bổ sung) nhưng có ${ended.join(', ')}`);
      return { raw };
    case 7: {
      if (has('NgayRutHoSo')) return { raw };
      const at = has('NgayKetThucXuLy') ? raw.NgayKetThucXuLy : has('NgayTra') ? raw.NgayTra : undefined;
      if (at === undefined) return reject(`${name} nhưng không có ngày rút hồ sơ (hay ngày kết thúc xử lý, ngày trả)`);
      return { raw: { ...raw, NgayRutHoSo: at } };
    }
    case 8:
      if (has('NgayTuChoi')) return { raw };
      if (!has('NgayKetThucXuLy')) return reject(`${name} nhưng không có ngày từ chối (hay ngày kết thúc xử lý)`);
      return { raw: { ...raw, NgayTuChoi: raw.NgayKetThucXuLy } };
    case 9:
      if (!has('NgayKetThucXuLy')) return reject(`${name} nhưng không có ngày kết thúc xử lý`);
      return { raw };
    case 10:
      // Only NgayTra: SPEC §2 already ends the dossier at it (the return counts as the end of processing).
      if (!has('NgayKetThucXuLy') && !has('NgayTra')) return reject(`${name} nhưng không có ngày kết thúc xử lý hay ngày trả`);
      return { raw };
  }
}
