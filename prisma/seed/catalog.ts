// Demo catalogue: Kon Tum province before the 2025 reorganisation — units, fields, procedures.
//
// Sources / conventions
// - Administrative-unit codes are the official GSO codes (danh mục đơn vị hành chính, list as of
//   2025-01-04): province 62, districts 608–618 (609 unused), communes 23281–23554. Kon Tum had
//   10 district-level units and 102 commune-level units (10 phường, 6 thị trấn, 86 xã).
// - Names follow the spelling used locally by Kon Tum ("Đăk", "Ngọk", …) rather than the GSO list
//   ("Đắk", "Ngok", …). Where the GSO spelling differs materially this is noted inline.
// - Department (sở/ngành) codes are short ASCII acronyms of the Vietnamese name without diacritics,
//   e.g. STP = Sở Tư pháp, SKHDT = Sở Kế hoạch và Đầu tư, CAT = Công an tỉnh. They cannot collide
//   with the numeric GSO codes.
// - Procedure codes use the national TTHC code format (CSDL quốc gia về TTHC). Codes without a
//   comment are real; codes marked `// code illustrative` are plausible placeholders of the same format.
// - processingTime is the maximum legal time (thời hạn giải quyết) in the given unit; "trong ngày"
//   (same working day; next day if received after 15:00) is modelled as 8 giờ.

import type { UnitLevel } from '../../lib/kpi';
export type TimeUnit = 'gio' | 'ngay' | 'ngay_lam_viec' | 'thang';
export type OnlineLevel = 'toan_trinh' | 'mot_phan' | 'khong';

export interface CatalogUnit {
  /** Unique: GSO code for province/district/commune ('62', '608', '23281'); short acronym for departments ('STP'). */
  code: string;
  /** Full name as used on the portal, e.g. 'UBND tỉnh Kon Tum', 'Sở Tư pháp', 'UBND phường Quyết Thắng'. */
  name: string;
  level: UnitLevel;
  /** null only for the province; departments and districts point to the province; communes to their district. */
  parentCode: string | null;
}

export interface CatalogField {
  code: string;
  name: string;
}

export interface CatalogProcedure {
  code: string;
  /** Vietnamese official name */
  name: string;
  /** one of fields[].code */
  fieldCode: string;
  /** N in the time unit below (positive integer) */
  processingTime: number;
  timeUnit: TimeUnit;
  /** DVC trực tuyến toàn trình / một phần / không */
  onlineLevel: OnlineLevel;
  /** whether the result is a paper document (giấy phép, giấy chứng nhận, trích lục, …) */
  hasPaperResult: boolean;
  /** which unit levels receive it: 'so_nganh', 'huyen', 'xa' (not 'tinh') */
  levels: UnitLevel[];
  /** when levels includes 'so_nganh': codes of the departments that handle it */
  departmentCodes?: string[];
  /** typical fee/charge in VND (0 when free) */
  fee: number;
  /** relative monthly volume per receiving unit */
  weight: number;
}

export const fields: CatalogField[] = [
  { code: 'DD', name: 'Đất đai' },
  { code: 'HT', name: 'Hộ tịch' },
  { code: 'CT', name: 'Chứng thực' },
  { code: 'LLTP', name: 'Lý lịch tư pháp' },
  { code: 'XD', name: 'Hoạt động xây dựng' },
  { code: 'DT', name: 'Đầu tư tại Việt Nam' },
  { code: 'KD', name: 'Thành lập và hoạt động doanh nghiệp, hộ kinh doanh' },
  { code: 'GT', name: 'Giao thông vận tải (đường bộ)' },
  { code: 'LD', name: 'Lao động – Việc làm' },
  { code: 'BTXH', name: 'Bảo trợ xã hội' },
  { code: 'YT', name: 'Y tế (dược phẩm, an toàn thực phẩm)' },
  { code: 'GD', name: 'Giáo dục và Đào tạo' },
  { code: 'CTH', name: 'Công Thương (lưu thông hàng hóa, xăng dầu)' },
  { code: 'TNN', name: 'Tài nguyên nước' },
  { code: 'MT', name: 'Môi trường' },
  { code: 'KS', name: 'Địa chất và khoáng sản' },
  { code: 'TDKT', name: 'Thi đua – Khen thưởng' },
  { code: 'TC', name: 'Tài chính – Ngân sách' },
  { code: 'NN', name: 'Nông nghiệp (quản lý chất lượng nông lâm thủy sản)' },
  { code: 'TTTT', name: 'Thông tin điện tử' },
  { code: 'VH', name: 'Văn hóa' },
  { code: 'KHCN', name: 'An toàn bức xạ và hạt nhân' },
  { code: 'NGV', name: 'Ngoại vụ' },
  { code: 'DTOC', name: 'Công tác dân tộc' },
  { code: 'KNTC', name: 'Giải quyết khiếu nại, tố cáo' },
  { code: 'CC', name: 'Căn cước' },
];

export const units: CatalogUnit[] = [
  // ── Province ──────────────────────────────────────────────────────────────
  { code: '62', name: 'UBND tỉnh Kon Tum', level: 'tinh', parentCode: null },

  // ── Provincial departments / agencies (sở, ban, ngành) — pre-March-2025 structure ──
  { code: 'STP', name: 'Sở Tư pháp', level: 'so_nganh', parentCode: '62' },
  { code: 'SNV', name: 'Sở Nội vụ', level: 'so_nganh', parentCode: '62' },
  { code: 'SKHDT', name: 'Sở Kế hoạch và Đầu tư', level: 'so_nganh', parentCode: '62' },
  { code: 'STC', name: 'Sở Tài chính', level: 'so_nganh', parentCode: '62' },
  { code: 'SCT', name: 'Sở Công Thương', level: 'so_nganh', parentCode: '62' },
  { code: 'SNNPTNT', name: 'Sở Nông nghiệp và Phát triển nông thôn', level: 'so_nganh', parentCode: '62' },
  { code: 'SGTVT', name: 'Sở Giao thông vận tải', level: 'so_nganh', parentCode: '62' },
  { code: 'SXD', name: 'Sở Xây dựng', level: 'so_nganh', parentCode: '62' },
  { code: 'STNMT', name: 'Sở Tài nguyên và Môi trường', level: 'so_nganh', parentCode: '62' },
  { code: 'STTTT', name: 'Sở Thông tin và Truyền thông', level: 'so_nganh', parentCode: '62' },
  { code: 'SLDTBXH', name: 'Sở Lao động – Thương binh và Xã hội', level: 'so_nganh', parentCode: '62' },
  { code: 'SVHTTDL', name: 'Sở Văn hóa, Thể thao và Du lịch', level: 'so_nganh', parentCode: '62' },
  { code: 'SKHCN', name: 'Sở Khoa học và Công nghệ', level: 'so_nganh', parentCode: '62' },
  { code: 'SGDDT', name: 'Sở Giáo dục và Đào tạo', level: 'so_nganh', parentCode: '62' },
  { code: 'SYT', name: 'Sở Y tế', level: 'so_nganh', parentCode: '62' },
  { code: 'SNGV', name: 'Sở Ngoại vụ', level: 'so_nganh', parentCode: '62' },
  { code: 'BDT', name: 'Ban Dân tộc tỉnh', level: 'so_nganh', parentCode: '62' },
  { code: 'TTT', name: 'Thanh tra tỉnh', level: 'so_nganh', parentCode: '62' },
  { code: 'BQLKKT', name: 'Ban Quản lý Khu kinh tế tỉnh', level: 'so_nganh', parentCode: '62' },
  { code: 'CAT', name: 'Công an tỉnh', level: 'so_nganh', parentCode: '62' },

  // ── 608 Thành phố Kon Tum (10 phường, 11 xã) ─────────────────────────────
  { code: '608', name: 'UBND thành phố Kon Tum', level: 'huyen', parentCode: '62' },
  { code: '23281', name: 'UBND phường Quang Trung', level: 'xa', parentCode: '608' },
  { code: '23284', name: 'UBND phường Duy Tân', level: 'xa', parentCode: '608' },
  { code: '23287', name: 'UBND phường Quyết Thắng', level: 'xa', parentCode: '608' },
  { code: '23290', name: 'UBND phường Trường Chinh', level: 'xa', parentCode: '608' },
  { code: '23293', name: 'UBND phường Thắng Lợi', level: 'xa', parentCode: '608' },
  { code: '23296', name: 'UBND phường Ngô Mây', level: 'xa', parentCode: '608' },
  { code: '23299', name: 'UBND phường Thống Nhất', level: 'xa', parentCode: '608' },
  { code: '23302', name: 'UBND phường Lê Lợi', level: 'xa', parentCode: '608' },
  { code: '23305', name: 'UBND phường Nguyễn Trãi', level: 'xa', parentCode: '608' },
  { code: '23308', name: 'UBND phường Trần Hưng Đạo', level: 'xa', parentCode: '608' },
  { code: '23311', name: 'UBND xã Đăk Cấm', level: 'xa', parentCode: '608' },
  { code: '23314', name: 'UBND xã Kroong', level: 'xa', parentCode: '608' },
  { code: '23317', name: 'UBND xã Ngọk Bay', level: 'xa', parentCode: '608' },
  { code: '23320', name: 'UBND xã Vinh Quang', level: 'xa', parentCode: '608' },
  { code: '23323', name: 'UBND xã Đăk Blà', level: 'xa', parentCode: '608' },
  { code: '23326', name: 'UBND xã Ia Chim', level: 'xa', parentCode: '608' },
  { code: '23327', name: 'UBND xã Đăk Năng', level: 'xa', parentCode: '608' },
  { code: '23329', name: 'UBND xã Đoàn Kết', level: 'xa', parentCode: '608' },
  { code: '23332', name: 'UBND xã Chư Hreng', level: 'xa', parentCode: '608' },
  { code: '23335', name: 'UBND xã Đăk Rơ Wa', level: 'xa', parentCode: '608' },
  { code: '23338', name: 'UBND xã Hòa Bình', level: 'xa', parentCode: '608' },

  // ── 610 Huyện Đăk Glei (1 thị trấn, 11 xã) ───────────────────────────────
  { code: '610', name: 'UBND huyện Đăk Glei', level: 'huyen', parentCode: '62' },
  { code: '23341', name: 'UBND thị trấn Đăk Glei', level: 'xa', parentCode: '610' },
  { code: '23344', name: 'UBND xã Đăk Plô', level: 'xa', parentCode: '610' }, // GSO list spells "Đắk Blô"
  { code: '23347', name: 'UBND xã Đăk Man', level: 'xa', parentCode: '610' },
  { code: '23350', name: 'UBND xã Đăk Nhoong', level: 'xa', parentCode: '610' },
  { code: '23353', name: 'UBND xã Đăk Pék', level: 'xa', parentCode: '610' },
  { code: '23356', name: 'UBND xã Đăk Choong', level: 'xa', parentCode: '610' },
  { code: '23359', name: 'UBND xã Xốp', level: 'xa', parentCode: '610' },
  { code: '23362', name: 'UBND xã Mường Hoong', level: 'xa', parentCode: '610' },
  { code: '23365', name: 'UBND xã Ngọc Linh', level: 'xa', parentCode: '610' },
  { code: '23368', name: 'UBND xã Đăk Long', level: 'xa', parentCode: '610' }, // same name as 23504 (huyện Đăk Hà)
  { code: '23371', name: 'UBND xã Đăk Kroong', level: 'xa', parentCode: '610' },
  { code: '23374', name: 'UBND xã Đăk Môn', level: 'xa', parentCode: '610' },

  // ── 611 Huyện Ngọc Hồi (1 thị trấn, 7 xã) ────────────────────────────────
  { code: '611', name: 'UBND huyện Ngọc Hồi', level: 'huyen', parentCode: '62' },
  { code: '23377', name: 'UBND thị trấn Plei Kần', level: 'xa', parentCode: '611' },
  { code: '23380', name: 'UBND xã Đăk Ang', level: 'xa', parentCode: '611' },
  { code: '23383', name: 'UBND xã Đăk Dục', level: 'xa', parentCode: '611' },
  { code: '23386', name: 'UBND xã Đăk Nông', level: 'xa', parentCode: '611' },
  { code: '23389', name: 'UBND xã Đăk Xú', level: 'xa', parentCode: '611' },
  { code: '23392', name: 'UBND xã Đăk Kan', level: 'xa', parentCode: '611' },
  { code: '23395', name: 'UBND xã Pờ Y', level: 'xa', parentCode: '611' }, // GSO list spells "Bờ Y"
  { code: '23398', name: 'UBND xã Sa Loong', level: 'xa', parentCode: '611' },

  // ── 612 Huyện Đăk Tô (1 thị trấn, 8 xã) ──────────────────────────────────
  { code: '612', name: 'UBND huyện Đăk Tô', level: 'huyen', parentCode: '62' },
  { code: '23401', name: 'UBND thị trấn Đăk Tô', level: 'xa', parentCode: '612' },
  { code: '23427', name: 'UBND xã Đăk Rơ Nga', level: 'xa', parentCode: '612' },
  { code: '23428', name: 'UBND xã Ngọk Tụ', level: 'xa', parentCode: '612' },
  { code: '23430', name: 'UBND xã Đăk Trăm', level: 'xa', parentCode: '612' },
  { code: '23431', name: 'UBND xã Văn Lem', level: 'xa', parentCode: '612' },
  { code: '23434', name: 'UBND xã Kon Đào', level: 'xa', parentCode: '612' },
  { code: '23437', name: 'UBND xã Tân Cảnh', level: 'xa', parentCode: '612' },
  { code: '23440', name: 'UBND xã Diên Bình', level: 'xa', parentCode: '612' },
  { code: '23443', name: 'UBND xã Pô Kô', level: 'xa', parentCode: '612' },

  // ── 613 Huyện Kon Plông (1 thị trấn, 8 xã) ───────────────────────────────
  { code: '613', name: 'UBND huyện Kon Plông', level: 'huyen', parentCode: '62' },
  { code: '23473', name: 'UBND thị trấn Măng Đen', level: 'xa', parentCode: '613' },
  { code: '23452', name: 'UBND xã Đăk Nên', level: 'xa', parentCode: '613' },
  { code: '23455', name: 'UBND xã Đăk Ring', level: 'xa', parentCode: '613' },
  { code: '23458', name: 'UBND xã Măng Bút', level: 'xa', parentCode: '613' }, // GSO list spells "Măng Buk"
  { code: '23461', name: 'UBND xã Đăk Tăng', level: 'xa', parentCode: '613' },
  { code: '23464', name: 'UBND xã Ngọk Tem', level: 'xa', parentCode: '613' },
  { code: '23467', name: 'UBND xã Pờ Ê', level: 'xa', parentCode: '613' },
  { code: '23470', name: 'UBND xã Măng Cành', level: 'xa', parentCode: '613' },
  { code: '23476', name: 'UBND xã Hiếu', level: 'xa', parentCode: '613' },

  // ── 614 Huyện Kon Rẫy (1 thị trấn, 6 xã) ─────────────────────────────────
  { code: '614', name: 'UBND huyện Kon Rẫy', level: 'huyen', parentCode: '62' },
  { code: '23479', name: 'UBND thị trấn Đăk Rve', level: 'xa', parentCode: '614' },
  { code: '23482', name: 'UBND xã Đăk Kôi', level: 'xa', parentCode: '614' },
  { code: '23485', name: 'UBND xã Đăk Tơ Lung', level: 'xa', parentCode: '614' },
  { code: '23488', name: 'UBND xã Đăk Ruồng', level: 'xa', parentCode: '614' },
  { code: '23491', name: 'UBND xã Đăk Pne', level: 'xa', parentCode: '614' },
  { code: '23494', name: 'UBND xã Đăk Tờ Re', level: 'xa', parentCode: '614' },
  { code: '23497', name: 'UBND xã Tân Lập', level: 'xa', parentCode: '614' },

  // ── 615 Huyện Đăk Hà (1 thị trấn, 10 xã) ─────────────────────────────────
  { code: '615', name: 'UBND huyện Đăk Hà', level: 'huyen', parentCode: '62' },
  { code: '23500', name: 'UBND thị trấn Đăk Hà', level: 'xa', parentCode: '615' },
  { code: '23503', name: 'UBND xã Đăk Pxi', level: 'xa', parentCode: '615' },
  { code: '23504', name: 'UBND xã Đăk Long', level: 'xa', parentCode: '615' }, // same name as 23368 (huyện Đăk Glei)
  { code: '23506', name: 'UBND xã Đăk Hring', level: 'xa', parentCode: '615' },
  { code: '23509', name: 'UBND xã Đăk Ui', level: 'xa', parentCode: '615' },
  { code: '23510', name: 'UBND xã Đăk Ngọk', level: 'xa', parentCode: '615' },
  { code: '23512', name: 'UBND xã Đăk Mar', level: 'xa', parentCode: '615' },
  { code: '23515', name: 'UBND xã Ngọk Wang', level: 'xa', parentCode: '615' },
  { code: '23518', name: 'UBND xã Ngọk Réo', level: 'xa', parentCode: '615' },
  { code: '23521', name: 'UBND xã Hà Mòn', level: 'xa', parentCode: '615' },
  { code: '23524', name: 'UBND xã Đăk La', level: 'xa', parentCode: '615' },

  // ── 616 Huyện Sa Thầy (1 thị trấn, 10 xã) ────────────────────────────────
  { code: '616', name: 'UBND huyện Sa Thầy', level: 'huyen', parentCode: '62' },
  { code: '23527', name: 'UBND thị trấn Sa Thầy', level: 'xa', parentCode: '616' },
  { code: '23530', name: 'UBND xã Rờ Kơi', level: 'xa', parentCode: '616' }, // GSO list spells "Rơ Kơi"
  { code: '23533', name: 'UBND xã Sa Nhơn', level: 'xa', parentCode: '616' },
  { code: '23534', name: 'UBND xã Hơ Moong', level: 'xa', parentCode: '616' },
  { code: '23536', name: 'UBND xã Mô Rai', level: 'xa', parentCode: '616' },
  { code: '23539', name: 'UBND xã Sa Sơn', level: 'xa', parentCode: '616' },
  { code: '23542', name: 'UBND xã Sa Nghĩa', level: 'xa', parentCode: '616' },
  { code: '23545', name: 'UBND xã Sa Bình', level: 'xa', parentCode: '616' },
  { code: '23548', name: 'UBND xã Ya Xiêr', level: 'xa', parentCode: '616' },
  { code: '23551', name: 'UBND xã Ya Tăng', level: 'xa', parentCode: '616' },
  { code: '23554', name: 'UBND xã Ya Ly', level: 'xa', parentCode: '616' },

  // ── 617 Huyện Tu Mơ Rông (11 xã) ─────────────────────────────────────────
  { code: '617', name: 'UBND huyện Tu Mơ Rông', level: 'huyen', parentCode: '62' },
  { code: '23404', name: 'UBND xã Ngọk Lây', level: 'xa', parentCode: '617' },
  { code: '23407', name: 'UBND xã Đăk Na', level: 'xa', parentCode: '617' },
  { code: '23410', name: 'UBND xã Măng Ri', level: 'xa', parentCode: '617' },
  { code: '23413', name: 'UBND xã Ngọk Yêu', level: 'xa', parentCode: '617' },
  { code: '23416', name: 'UBND xã Đăk Sao', level: 'xa', parentCode: '617' },
  { code: '23417', name: 'UBND xã Đăk Rơ Ông', level: 'xa', parentCode: '617' },
  { code: '23419', name: 'UBND xã Đăk Tờ Kan', level: 'xa', parentCode: '617' },
  { code: '23422', name: 'UBND xã Tu Mơ Rông', level: 'xa', parentCode: '617' },
  { code: '23425', name: 'UBND xã Đăk Hà', level: 'xa', parentCode: '617' }, // a xã, distinct from thị trấn Đăk Hà (23500)
  { code: '23446', name: 'UBND xã Tê Xăng', level: 'xa', parentCode: '617' },
  { code: '23449', name: 'UBND xã Văn Xuôi', level: 'xa', parentCode: '617' },

  // ── 618 Huyện Ia H'Drai (3 xã) ───────────────────────────────────────────
  { code: '618', name: "UBND huyện Ia H'Drai", level: 'huyen', parentCode: '62' },
  { code: '23535', name: 'UBND xã Ia Đal', level: 'xa', parentCode: '618' },
  { code: '23537', name: 'UBND xã Ia Dom', level: 'xa', parentCode: '618' },
  { code: '23538', name: 'UBND xã Ia Tơi', level: 'xa', parentCode: '618' },
];

export const procedures: CatalogProcedure[] = [
  // ── Hộ tịch (cấp xã; có yếu tố nước ngoài: cấp huyện) ────────────────────
  {
    code: '1.001193',
    name: 'Đăng ký khai sinh',
    fieldCode: 'HT',
    processingTime: 1,
    timeUnit: 'ngay_lam_viec',
    onlineLevel: 'toan_trinh',
    hasPaperResult: true,
    levels: ['xa'],
    fee: 0,
    weight: 40,
  },
  {
    code: '1.000894',
    name: 'Đăng ký kết hôn',
    fieldCode: 'HT',
    processingTime: 5,
    timeUnit: 'ngay_lam_viec', // trong ngày; ≤ 5 ngày làm việc nếu phải xác minh
    onlineLevel: 'mot_phan',
    hasPaperResult: true,
    levels: ['xa'],
    fee: 0,
    weight: 10,
  },
  {
    code: '1.000656',
    name: 'Đăng ký khai tử',
    fieldCode: 'HT',
    processingTime: 3,
    timeUnit: 'ngay_lam_viec', // trong ngày; ≤ 3 ngày làm việc nếu phải xác minh
    onlineLevel: 'toan_trinh',
    hasPaperResult: true,
    levels: ['xa'],
    fee: 0,
    weight: 8,
  },
  {
    code: '1.004873',
    name: 'Cấp Giấy xác nhận tình trạng hôn nhân',
    fieldCode: 'HT',
    processingTime: 3,
    timeUnit: 'ngay_lam_viec',
    onlineLevel: 'toan_trinh',
    hasPaperResult: true,
    levels: ['xa'],
    fee: 0,
    weight: 15,
  },
  {
    code: '2.000635',
    name: 'Cấp bản sao Trích lục hộ tịch',
    fieldCode: 'HT',
    processingTime: 8,
    timeUnit: 'gio', // "ngay trong ngày"
    onlineLevel: 'toan_trinh',
    hasPaperResult: true,
    levels: ['huyen', 'xa'],
    fee: 8000,
    weight: 20,
  },
  {
    code: '2.000806',
    name: 'Đăng ký kết hôn có yếu tố nước ngoài',
    fieldCode: 'HT',
    processingTime: 15,
    timeUnit: 'ngay_lam_viec',
    onlineLevel: 'mot_phan',
    hasPaperResult: true,
    levels: ['huyen'],
    fee: 1000000,
    weight: 0.3,
  },

  // ── Chứng thực (Phòng Tư pháp cấp huyện và UBND cấp xã) ──────────────────
  {
    code: '2.000815',
    name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận',
    fieldCode: 'CT',
    processingTime: 8,
    timeUnit: 'gio', // trong ngày; ngày làm việc tiếp theo nếu nhận sau 15 giờ
    onlineLevel: 'mot_phan',
    hasPaperResult: true,
    levels: ['huyen', 'xa'],
    fee: 2000,
    weight: 80,
  },
  {
    code: '2.000884',
    name: 'Chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp chứng thực điểm chỉ và trường hợp người yêu cầu chứng thực không thể ký, không thể điểm chỉ được)',
    fieldCode: 'CT',
    processingTime: 8,
    timeUnit: 'gio',
    onlineLevel: 'khong',
    hasPaperResult: true,
    levels: ['huyen', 'xa'],
    fee: 10000,
    weight: 25,
  },
  {
    code: '2.001035',
    name: 'Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và nhà ở',
    fieldCode: 'CT',
    processingTime: 2,
    timeUnit: 'ngay_lam_viec',
    onlineLevel: 'khong',
    hasPaperResult: true,
    levels: ['xa'],
    fee: 50000,
    weight: 6,
  },

  // ── Lý lịch tư pháp ──────────────────────────────────────────────────────
  {
    code: '2.000488',
    name: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam', // code illustrative
    fieldCode: 'LLTP',
    processingTime: 10,
    timeUnit: 'ngay', // Luật LLTP: không quá 10 ngày
    onlineLevel: 'toan_trinh',
    hasPaperResult: true,
    levels: ['so_nganh'],
    departmentCodes: ['STP'],
    fee: 200000,
    weight: 60,
  },

  // ── Đất đai (Luật Đất đai 2024) ──────────────────────────────────────────
  {
    code: '1.012785',
    name: 'Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu đối với cá nhân, hộ gia đình', // code illustrative
    fieldCode: 'DD',
    processingTime: 20,
    timeUnit: 'ngay_lam_viec',
    onlineLevel: 'mot_phan',
    hasPaperResult: true,
    levels: ['huyen'],
    fee: 100000,
    weight: 5,
  },
  {
    code: '1.012790',
    name: 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do chuyển nhượng, tặng cho, thừa kế', // code illustrative
    fieldCode: 'DD',
    processingTime: 10,
    timeUnit: 'ngay_lam_viec',
    onlineLevel: 'mot_phan',
    hasPaperResult: true,
    levels: ['so_nganh', 'huyen'],
    departmentCodes: ['STNMT'],
    fee: 50000,
    weight: 12,
  },
  {
    code: '1.012794',
    name: 'Chuyển mục đích sử dụng đất phải được phép của cơ quan nhà nước có thẩm quyền đối với cá nhân', // code illustrative
    fieldCode: 'DD',
    processingTime: 15,
    timeUnit: 'ngay_lam_viec',
    onlineLevel: 'mot_phan',
    hasPaperResult: true,
    levels: ['huyen'],
    fee: 0,
    weight: 2,
  },
  {
    code: '1.012812',
    name: 'Hòa giải tranh chấp đất đai',
    fieldCode: 'DD',
    processingTime: 30,
    timeUnit: 'ngay', // code believed real (single source); Luật Đất đai 2024: không quá 30 ngày
    onlineLevel: 'khong',
    hasPaperResult: false,
    levels: ['xa'],
    fee: 0,
    weight: 0.5,
  },

  // ── Xây dựng ─────────────────────────────────────────────────────────────
  {
    code: '1.009994',
    name: 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ', // code illustrative
    fieldCode: 'XD',
    processingTime: 15,
    timeUnit: 'ngay', // Luật Xây dựng: 15 ngày đối với nhà ở riêng lẻ
    onlineLevel: 'mot_phan',
    hasPaperResult: true,
    levels: ['huyen'],
    fee: 75000,
    weight: 6,
  },
  {
    code: '1.009974',
    name: 'Cấp giấy phép xây dựng mới đối với công trình không theo tuyến', // code illustrative
    fieldCode: 'XD',
    processingTime: 20,
    timeUnit: 'ngay',
    onlineLevel: 'mot_phan',
    hasPaperResult: true,
    levels: ['so_nganh'],
    departmentCodes: ['SXD'],
    fee: 150000,
    weight: 1.5,
  },

  // ── Doanh nghiệp, hộ kinh doanh ──────────────────────────────────────────
  {
    code: '2.002042',
    name: 'Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên', // code illustrative
    fieldCode: 'KD',
    processingTime: 3,
    timeUnit: 'ngay_lam_viec',
    onlineLevel: 'toan_trinh',
    hasPaperResult: true,
    levels: ['so_nganh'],
    departmentCodes: ['SKHDT'],
    fee: 50000,
    weight: 25,
  },
  {
    code: '1.001612',
    name: 'Đăng ký thành lập hộ kinh doanh',
    fieldCode: 'KD',
    processingTime: 3,
    timeUnit: 'ngay_lam_viec',
    onlineLevel: 'mot_phan',
    hasPaperResult: true,
    levels: ['huyen'],
    fee: 100000,
    weight: 15,
  },

  // ── Đầu tư ───────────────────────────────────────────────────────────────
  {
    code: '1.009645',
    name: 'Cấp Giấy chứng nhận đăng ký đầu tư đối với dự án không thuộc diện chấp thuận chủ trương đầu tư', // code illustrative
    fieldCode: 'DT',
    processingTime: 15,
    timeUnit: 'ngay', // Luật Đầu tư 2020: 15 ngày
    onlineLevel: 'mot_phan',
    hasPaperResult: true,
    levels: ['so_nganh'],
    departmentCodes: ['SKHDT', 'BQLKKT'],
    fee: 0,
    weight: 0.5,
  },
  {
    code: '1.009644',
    name: 'Chấp thuận chủ trương đầu tư của Ủy ban nhân dân cấp tỉnh', // code illustrative
    fieldCode: 'DT',
    processingTime: 35,
    timeUnit: 'ngay',
    onlineLevel: 'mot_phan',
    hasPaperResult: true,
    levels: ['so_nganh'],
    departmentCodes: ['SKHDT', 'BQLKKT'],
    fee: 0,
    weight: 0.3,
  },

  // ── Giao thông vận tải ───────────────────────────────────────────────────
  {
    code: '1.002809',
    name: 'Đổi Giấy phép lái xe do ngành Giao thông vận tải cấp', // code illustrative
    fieldCode: 'GT',
    processingTime: 5,
    timeUnit: 'ngay_lam_viec',
    onlineLevel: 'toan_trinh',
    hasPaperResult: true,
    levels: ['so_nganh'],
    departmentCodes: ['SGTVT'],
    fee: 135000,
    weight: 100,
  },

  // ── Lao động, bảo trợ xã hội ─────────────────────────────────────────────
  {
    code: '1.000459',
    name: 'Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam', // code illustrative
    fieldCode: 'LD',
    processingTime: 5,
    timeUnit: 'ngay_lam_viec',
    onlineLevel: 'mot_phan',
    hasPaperResult: true,
    levels: ['so_nganh'],
    departmentCodes: ['SLDTBXH'],
    fee: 400000,
    weight: 0.5,
  },
  {
    code: '1.001978',
    name: 'Giải quyết hưởng trợ cấp thất nghiệp', // code illustrative
    fieldCode: 'LD',
    processingTime: 20,
    timeUnit: 'ngay_lam_viec',
    onlineLevel: 'mot_phan',
    hasPaperResult: true,
    levels: ['so_nganh'],
    departmentCodes: ['SLDTBXH'],
    fee: 0,
    weight: 40,
  },
  {
    code: '1.001776',
    name: 'Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hàng tháng',
    fieldCode: 'BTXH',
    processingTime: 20,
    timeUnit: 'ngay_lam_viec', // tổng các bước xã + huyện (xấp xỉ)
    onlineLevel: 'mot_phan',
    hasPaperResult: true,
    levels: ['xa'],
    fee: 0,
    weight: 3,
  },
  {
    code: '1.001731',
    name: 'Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội',
    fieldCode: 'BTXH',
    processingTime: 6,
    timeUnit: 'ngay_lam_viec', // xấp xỉ: xã 3 + huyện 3
    onlineLevel: 'mot_phan',
    hasPaperResult: true,
    levels: ['xa'],
    fee: 0,
    weight: 1,
  },

  // ── Y tế ─────────────────────────────────────────────────────────────────
  {
    code: '1.001586',
    name: 'Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở kinh doanh dịch vụ ăn uống', // code illustrative
    fieldCode: 'YT',
    processingTime: 20,
    timeUnit: 'ngay_lam_viec',
    onlineLevel: 'mot_phan',
    hasPaperResult: true,
    levels: ['so_nganh'],
    departmentCodes: ['SYT'],
    fee: 700000,
    weight: 3,
  },
  {
    code: '1.004616',
    name: 'Cấp Chứng chỉ hành nghề dược theo hình thức xét hồ sơ', // code illustrative
    fieldCode: 'YT',
    processingTime: 20,
    timeUnit: 'ngay_lam_viec',
    onlineLevel: 'mot_phan',
    hasPaperResult: true,
    levels: ['so_nganh'],
    departmentCodes: ['SYT'],
    fee: 500000,
    weight: 4,
  },

  // ── Giáo dục ─────────────────────────────────────────────────────────────
  {
    code: '2.001914',
    name: 'Cấp bản sao văn bằng, chứng chỉ từ sổ gốc', // code illustrative
    fieldCode: 'GD',
    processingTime: 8,
    timeUnit: 'gio', // trong ngày
    onlineLevel: 'mot_phan',
    hasPaperResult: true,
    levels: ['so_nganh', 'huyen'],
    departmentCodes: ['SGDDT'],
    fee: 0,
    weight: 5,
  },

  // ── Công Thương ──────────────────────────────────────────────────────────
  {
    code: '2.000633',
    name: 'Cấp Giấy phép bán lẻ sản phẩm rượu', // code illustrative
    fieldCode: 'CTH',
    processingTime: 10,
    timeUnit: 'ngay_lam_viec',
    onlineLevel: 'mot_phan',
    hasPaperResult: true,
    levels: ['huyen'],
    fee: 600000,
    weight: 1,
  },
  {
    code: '2.000646',
    name: 'Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu', // code illustrative
    fieldCode: 'CTH',
    processingTime: 15,
    timeUnit: 'ngay_lam_viec',
    onlineLevel: 'mot_phan',
    hasPaperResult: true,
    levels: ['so_nganh'],
    departmentCodes: ['SCT'],
    fee: 1200000,
    weight: 0.5,
  },

  // ── Tài nguyên nước, môi trường, khoáng sản ──────────────────────────────
  {
    code: '1.004232',
    name: 'Cấp giấy phép thăm dò nước dưới đất đối với công trình có lưu lượng dưới 3.000 m³/ngày đêm', // code illustrative
    fieldCode: 'TNN',
    processingTime: 30,
    timeUnit: 'ngay_lam_viec',
    onlineLevel: 'mot_phan',
    hasPaperResult: true,
    levels: ['so_nganh'],
    departmentCodes: ['STNMT'],
    fee: 2000000,
    weight: 0.3,
  },
  {
    code: '1.010727',
    name: 'Cấp giấy phép môi trường (cấp tỉnh)', // code illustrative
    fieldCode: 'MT',
    processingTime: 30,
    timeUnit: 'ngay', // Luật BVMT 2020: không quá 30 ngày
    onlineLevel: 'mot_phan',
    hasPaperResult: true,
    levels: ['so_nganh'],
    departmentCodes: ['STNMT'],
    fee: 5000000,
    weight: 0.5,
  },
  {
    code: '1.004345',
    name: 'Cấp Giấy phép khai thác khoáng sản', // code illustrative
    fieldCode: 'KS',
    processingTime: 3,
    timeUnit: 'thang', // ~90 ngày thẩm định + trình cấp phép (xấp xỉ)
    onlineLevel: 'khong',
    hasPaperResult: true,
    levels: ['so_nganh'],
    departmentCodes: ['STNMT'],
    fee: 10000000,
    weight: 0.05,
  },

  // ── Nội vụ, tài chính, nông nghiệp ───────────────────────────────────────
  {
    code: '1.000775',
    name: 'Thủ tục tặng Bằng khen của Chủ tịch Ủy ban nhân dân cấp tỉnh', // code illustrative
    fieldCode: 'TDKT',
    processingTime: 20,
    timeUnit: 'ngay_lam_viec',
    onlineLevel: 'khong',
    hasPaperResult: true,
    levels: ['so_nganh'],
    departmentCodes: ['SNV'],
    fee: 0,
    weight: 10,
  },
  {
    code: '1.005359',
    name: 'Đăng ký mã số đơn vị có quan hệ với ngân sách', // code illustrative
    fieldCode: 'TC',
    processingTime: 2,
    timeUnit: 'ngay_lam_viec',
    onlineLevel: 'toan_trinh',
    hasPaperResult: false,
    levels: ['so_nganh'],
    departmentCodes: ['STC'],
    fee: 0,
    weight: 5,
  },
  {
    code: '1.003016',
    name: 'Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở sản xuất, kinh doanh thực phẩm nông, lâm, thủy sản', // code illustrative
    fieldCode: 'NN',
    processingTime: 15,
    timeUnit: 'ngay_lam_viec',
    onlineLevel: 'mot_phan',
    hasPaperResult: true,
    levels: ['so_nganh'],
    departmentCodes: ['SNNPTNT'],
    fee: 700000,
    weight: 1,
  },

  // ── Thông tin – truyền thông, văn hóa, khoa học – công nghệ, ngoại vụ, dân tộc ──
  {
    code: '1.003860',
    name: 'Cấp giấy phép thiết lập trang thông tin điện tử tổng hợp', // code illustrative
    fieldCode: 'TTTT',
    processingTime: 10,
    timeUnit: 'ngay_lam_viec',
    onlineLevel: 'toan_trinh',
    hasPaperResult: true,
    levels: ['so_nganh'],
    departmentCodes: ['STTTT'],
    fee: 0,
    weight: 0.2,
  },
  {
    code: '1.001029',
    name: 'Thủ tục cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke', // code believed real (single source)
    fieldCode: 'VH',
    processingTime: 5,
    timeUnit: 'ngay_lam_viec',
    onlineLevel: 'mot_phan',
    hasPaperResult: true,
    levels: ['so_nganh'],
    departmentCodes: ['SVHTTDL'],
    fee: 2000000,
    weight: 0.5,
  },
  {
    code: '1.000382',
    name: 'Cấp giấy phép tiến hành công việc bức xạ – sử dụng thiết bị X-quang chẩn đoán trong y tế', // code illustrative
    fieldCode: 'KHCN',
    processingTime: 10,
    timeUnit: 'ngay_lam_viec',
    onlineLevel: 'mot_phan',
    hasPaperResult: true,
    levels: ['so_nganh'],
    departmentCodes: ['SKHCN'],
    fee: 2000000,
    weight: 0.3,
  },
  {
    code: '2.001728',
    name: 'Cho phép tổ chức hội nghị, hội thảo quốc tế thuộc thẩm quyền của Chủ tịch Ủy ban nhân dân cấp tỉnh', // code illustrative
    fieldCode: 'NGV',
    processingTime: 15,
    timeUnit: 'ngay_lam_viec',
    onlineLevel: 'khong',
    hasPaperResult: false,
    levels: ['so_nganh'],
    departmentCodes: ['SNGV'],
    fee: 0,
    weight: 0.2,
  },
  {
    code: '2.002156',
    name: 'Công nhận người có uy tín trong đồng bào dân tộc thiểu số', // code illustrative
    fieldCode: 'DTOC',
    processingTime: 15,
    timeUnit: 'ngay_lam_viec',
    onlineLevel: 'khong',
    hasPaperResult: false,
    levels: ['so_nganh'],
    departmentCodes: ['BDT'],
    fee: 0,
    weight: 0.2,
  },

  // ── Khiếu nại, tố cáo ────────────────────────────────────────────────────
  {
    code: '2.002500',
    name: 'Giải quyết khiếu nại lần đầu', // code illustrative
    fieldCode: 'KNTC',
    processingTime: 30,
    timeUnit: 'ngay', // Luật Khiếu nại: không quá 30 ngày kể từ ngày thụ lý
    onlineLevel: 'khong',
    hasPaperResult: false,
    levels: ['huyen', 'xa'],
    fee: 0,
    weight: 0.5,
  },
  {
    code: '2.002502',
    name: 'Giải quyết khiếu nại lần hai tại cấp tỉnh', // code illustrative
    fieldCode: 'KNTC',
    processingTime: 45,
    timeUnit: 'ngay',
    onlineLevel: 'khong',
    hasPaperResult: false,
    levels: ['so_nganh'],
    departmentCodes: ['TTT'],
    fee: 0,
    weight: 0.3,
  },

  // ── Căn cước (Công an tỉnh) ──────────────────────────────────────────────
  {
    code: '1.011990',
    name: 'Cấp thẻ căn cước cho công dân Việt Nam từ đủ 14 tuổi trở lên', // code illustrative
    fieldCode: 'CC',
    processingTime: 7,
    timeUnit: 'ngay_lam_viec',
    onlineLevel: 'mot_phan',
    hasPaperResult: true,
    levels: ['so_nganh'],
    departmentCodes: ['CAT'],
    fee: 0,
    weight: 30,
  },
];
