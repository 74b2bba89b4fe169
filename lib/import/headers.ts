// Column headers of the import files (SPEC §4): the national portal's names, and Vietnamese labels as aliases, matched
// with or without diacritics and in any case. Pure.

/** "Ngày tiếp nhận" → "ngaytiepnhan"; "NgayTiepNhan" → "ngaytiepnhan". */
export function normalizeHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export interface ColumnSpec {
  name: string;
  aliases: readonly string[];
  required: boolean;
}

const col = (name: string, aliases: string[] = [], required = false): ColumnSpec => ({ name, aliases, required });

export const DOSSIER_COLUMNS = [
  col('MaHoSo', ['Mã hồ sơ', 'Số hồ sơ'], true),
  // The unit: a code, else the agency identifier (or the MaHoSo prefix), else a name (SPEC §4.1). One of the three
  // columns is needed in a file (DOSSIER_COLUMN_GROUPS).
  col('MaDonVi', ['Mã đơn vị']),
  col('MaDinhDanh', ['Mã định danh', 'Mã định danh điện tử', 'Mã định danh cơ quan']),
  col('DonViXuLy', ['Đơn vị xử lý', 'Cơ quan/đơn vị', 'Cơ quan, đơn vị', 'Cơ quan đơn vị', 'Cơ quan giải quyết', 'Tên đơn vị']),
  col('MaDonViTiepNhan', ['Mã đơn vị tiếp nhận', 'Nơi tiếp nhận']),
  // The procedure: a code, else its name.
  col('MaTTHC', ['Mã TTHC', 'Mã thủ tục', 'Mã thủ tục hành chính']),
  col('TenTTHC', ['Tên TTHC', 'Tên thủ tục', 'Tên thủ tục hành chính']),
  col('MaLinhVuc', ['Mã lĩnh vực']),
  col('TenLinhVuc', ['Tên lĩnh vực', 'Lĩnh vực']),
  col('KenhThucHien', ['Kênh thực hiện', 'Kênh nộp', 'Kênh nộp hồ sơ', 'Hình thức nộp', 'Hình thức nộp hồ sơ']),
  col('TrangThaiHoSo', ['Trạng thái hồ sơ', 'Trạng thái']),
  col('NgayTiepNhan', ['Ngày tiếp nhận'], true),
  col('NgayHenTra', ['Ngày hẹn trả', 'Ngày hẹn trả kết quả']),
  col('NgayKetThucXuLy', ['Ngày kết thúc xử lý', 'Ngày có kết quả', 'Ngày xử lý xong']),
  col('NgayTra', ['Ngày trả', 'Ngày trả kết quả']),
  col('NgayTuChoi', ['Ngày từ chối', 'Ngày dừng xử lý']),
  col('NgayRutHoSo', ['Ngày rút hồ sơ']),
  col('NgayYeuCauBoSung', ['Ngày yêu cầu bổ sung']),
  col('NgayHoanThanhBoSung', ['Ngày hoàn thành bổ sung']),
  col('SoLanBoSung', ['Số lần bổ sung']),
  col('PhiLePhi', ['Phí, lệ phí', 'Phí lệ phí']),
  col('DuocThanhToanTrucTuyen', ['Được thanh toán trực tuyến', 'Thanh toán trực tuyến']),
  col('DaSoHoa', ['Đã số hóa']),
  col('CoKetQuaDienTu', ['Có kết quả điện tử']),
  col('HoSoCoThanhPhanSoHoa', ['Hồ sơ có thành phần số hóa']),
  col('DanhGia', ['Đánh giá']),
  col('NgayXinLoi', ['Ngày xin lỗi']),
  col('CanBoXuLy', ['Cán bộ xử lý', 'Cán bộ xử lý hiện tại', 'Người xử lý']),
] as const satisfies readonly ColumnSpec[];

/** Columns of which a dossier file needs one (the first is the canonical one): a unit, a procedure. */
export const DOSSIER_COLUMN_GROUPS = [
  ['MaDonVi', 'MaDinhDanh', 'DonViXuLy'],
  ['MaTTHC', 'TenTTHC'],
] as const satisfies ReadonlyArray<readonly DossierColumnName[]>;
type DossierColumnName = (typeof DOSSIER_COLUMNS)[number]['name'];

/**
 * Personal data and free text about the applicant (SPEC §4.1): never read, never stored — not in the database, nor in
 * a log, nor in a rejected-rows file. Header names as one-stop systems write them, normalised.
 */
const PERSONAL_HEADERS = new Set(
  [
    'ChuHoSo',
    'Chủ hồ sơ',
    'Người nộp',
    'Người nộp hồ sơ',
    'Tên người nộp',
    'Họ tên',
    'Họ và tên',
    'SoDienThoai',
    'Số điện thoại',
    'Điện thoại',
    'Email',
    'Fax',
    'SoGiayToChuHoSo',
    'Số giấy tờ',
    'Số CMND',
    'Số CCCD',
    'Số CMND/CCCD',
    'Số định danh cá nhân',
    'DinhDanhCHS',
    'DiaChi',
    'Địa chỉ',
    'TrichYeuHoSo',
    'Trích yếu',
    'ThongTinKhac',
    'ThongTinTra',
    'GhiChu',
    'Ghi chú',
    'MaDoiTuong',
    'TaiKhoanDuocXacThucVoiVNeID',
  ].map(normalizeHeader),
);

/** A missing column as a reason names it: with the columns that would do instead ("MaDonVi (hoặc MaDinhDanh, DonViXuLy)"). */
export function describeMissing(name: string, groups: ReadonlyArray<readonly string[]> = DOSSIER_COLUMN_GROUPS): string {
  const group = groups.find((g) => g[0] === name);
  return group ? `${name} (hoặc ${group.slice(1).join(', ')})` : name;
}

/** Whether a header (a file's column, a JSON key) holds personal data that must not be kept (SPEC §4.1). */
export const isPersonalHeader = (header: string) => PERSONAL_HEADERS.has(normalizeHeader(header));

export type DossierColumn = (typeof DOSSIER_COLUMNS)[number]['name'];

export const UNIT_COLUMNS = [
  col('MaDonVi', ['Mã đơn vị'], true),
  col('TenDonVi', ['Tên đơn vị'], true),
  col('CapDonVi', ['Cấp đơn vị', 'Cấp'], true),
  col('MaDonViCha', ['Mã đơn vị cha', 'Đơn vị cha']),
  col('HieuLucTu', ['Hiệu lực từ', 'Hiệu lực từ ngày']),
  col('HieuLucDen', ['Hiệu lực đến', 'Hiệu lực đến ngày']),
  col('MaDonViKeThua', ['Mã đơn vị kế thừa', 'Đơn vị kế thừa']),
  col('MaDinhDanh', ['Mã định danh', 'Mã định danh điện tử']),
  col('TenKhac', ['Tên khác']),
] as const satisfies readonly ColumnSpec[];

/** Successions (SPEC §6): each old unit into the new unit(s) it went into, with the share of a split and its primary part. */
export const UNIT_MAPPING_COLUMNS = [
  col('MaDonViCu', ['Mã đơn vị cũ', 'old_code'], true),
  col('MaDonViMoi', ['Mã đơn vị mới', 'new_code'], true),
  col('NgayHieuLuc', ['Ngày hiệu lực', 'effective_on'], true),
  col('TyLe', ['Tỷ lệ', 'share']),
  col('Chinh', ['Chính', 'Đơn vị chính', 'primary']),
] as const satisfies readonly ColumnSpec[];

export const PROCEDURE_COLUMNS = [
  col('MaTTHC', ['Mã TTHC', 'Mã thủ tục'], true),
  col('TenTTHC', ['Tên TTHC', 'Tên thủ tục'], true),
  col('MaLinhVuc', ['Mã lĩnh vực'], true),
  col('TenLinhVuc', ['Tên lĩnh vực']),
  col('ThoiHanGiaiQuyet', ['Thời hạn giải quyết']),
  col('DonViThoiGian', ['Đơn vị thời gian']),
  col('MucDoDVC', ['Mức độ DVC', 'Mức độ dịch vụ công']),
  col('CoKetQuaGiay', ['Có kết quả giấy']),
] as const satisfies readonly ColumnSpec[];

export const HOLIDAY_COLUMNS = [
  col('Ngay', ['Ngày'], true),
  col('Loai', ['Loại'], true),
  col('TenNgay', ['Tên ngày', 'Tên']),
] as const satisfies readonly ColumnSpec[];

export const FEEDBACK_COLUMNS = [
  col('MaPAKN', ['Mã PAKN', 'Mã phản ánh'], true),
  col('MaDonVi', ['Mã đơn vị'], true),
  col('MaTTHC', ['Mã TTHC', 'Mã thủ tục']),
  col('NgayTiepNhan', ['Ngày tiếp nhận'], true),
  col('NgayHenTra', ['Ngày hẹn trả']),
  col('NgayGiaiQuyet', ['Ngày giải quyết']),
] as const satisfies readonly ColumnSpec[];

export interface HeaderMatch<C extends string> {
  /** For each position in the file, the canonical column it holds, or null when ignored. */
  columns: Array<C | null>;
  /** Required columns absent from the file. */
  missing: C[];
  /** Headers that match no column (ignored, reported once). */
  ignored: string[];
  /** Columns given twice: the first one is used. */
  duplicated: C[];
}

export function matchHeaders<C extends string>(
  headers: readonly string[],
  specs: readonly { name: C; aliases: readonly string[]; required: boolean }[],
  /** Columns of which one is needed: a group none of whose columns is present is missing, by its first column. */
  groups: ReadonlyArray<readonly string[]> = [],
): HeaderMatch<C> {
  const lookup = new Map<string, C>();
  for (const spec of specs) for (const label of [spec.name, ...spec.aliases]) lookup.set(normalizeHeader(label), spec.name);
  const seen = new Set<C>();
  const match: HeaderMatch<C> = { columns: [], missing: [], ignored: [], duplicated: [] };
  for (const header of headers) {
    const column = lookup.get(normalizeHeader(header)) ?? null;
    if (column === null) {
      if (header.trim() !== '' && !isPersonalHeader(header)) match.ignored.push(header);
      match.columns.push(null);
    } else if (seen.has(column)) {
      match.duplicated.push(column);
      match.columns.push(null);
    } else {
      seen.add(column);
      match.columns.push(column);
    }
  }
  const unmet = (name: C) => groups.some((g) => g[0] === name && !g.some((other) => seen.has(other as C)));
  match.missing = specs.filter((s) => (s.required && !seen.has(s.name)) || unmet(s.name)).map((s) => s.name);
  return match;
}
