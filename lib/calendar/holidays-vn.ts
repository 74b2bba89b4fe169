// Official holidays and make-up working days for public servants in Vietnam, 2020–2027 (SPEC §2).
// Sources: one line per year citing the announcement.
//   2020: Bộ luật Lao động 2012 Điều 115 (Quốc khánh 1 ngày); văn bản số 4544 của Bộ LĐTBXH ngày 25/10/2019 (nghỉ Tết Âm lịch 2020: 23/01–29/01/2020).
//   2021: Công văn 9895/VPCP-KGVX ngày 26/11/2020 (Tết Âm lịch 10/02–16/02/2021; Quốc khánh 02/09–05/09/2021); từ 2021 áp dụng Bộ luật Lao động 2019 Điều 111 khoản 3, Điều 112.
//   2022: Công văn 245/VPCP-KGVX ngày 11/01/2022 (Tết Âm lịch 31/01–04/02/2022; Quốc khánh 01/09–02/09/2022); các ngày nghỉ bù theo BLLĐ 2019 Điều 111 khoản 3.
//   2023: Công văn 8056/VPCP-KGVX ngày 01/12/2022 (Tết Âm lịch 20/01–26/01/2023; Quốc khánh 01/09–04/09/2023); Giỗ Tổ (thứ Bảy) và 30/4 (Chủ nhật) nghỉ bù 02–03/05/2023 theo BLLĐ 2019.
//   2024: Thông báo 5015/TB-LĐTBXH ngày 22/11/2023 (Tết Âm lịch 08/02–14/02/2024; Quốc khánh 31/08–03/09/2024); Công văn 2450/VPCP-KGVX ngày 12/04/2024 (nghỉ 29/04, làm bù thứ Bảy 04/05/2024).
//   2025: Công văn 8726/VPCP-KGVX ngày 26/11/2024 và Thông báo 6150/TB-LĐTBXH (Tết Âm lịch 25/01–02/02/2025; nghỉ 02/05, làm bù thứ Bảy 26/04/2025; Quốc khánh 30/08–02/09/2025).
//   2026: Thông báo 9441/TB-BNV ngày 16/10/2025 (Tết Âm lịch 14/02–22/02/2026; Quốc khánh 29/08–02/09/2026, nghỉ 31/08, làm bù thứ Bảy 22/08/2026); Công văn 12729/VPCP-KGVX ngày 25/12/2025 (nghỉ 02/01, làm bù thứ Bảy 10/01/2026); Giỗ Tổ, 30/4–1/5 theo BLLĐ 2019.
//   2027: CHƯA CÓ THÔNG BÁO — mọi dòng 2027 là 'dự kiến' (theo BLLĐ 2019 Điều 111–112 và tiền lệ các năm trước); cần đối chiếu khi Bộ Nội vụ công bố.
// Notes:
//   - Chỉ liệt kê ngày làm việc (thứ Hai–thứ Sáu) là 'nghi'; ngày lễ trùng thứ Bảy/Chủ nhật được thể hiện qua ngày nghỉ bù kế tiếp.
//   - 'lam_bu' chỉ gồm thứ Bảy/Chủ nhật được công bố là ngày làm việc (hoán đổi).
//   - Dòng có chú thích '// dự kiến' là dự kiến (projected), chưa có văn bản công bố.
//   - Ngày Văn hóa Việt Nam 24/11 (Nghị quyết 80-NQ/TW, Nghị quyết 30/NQ-CP) CHƯA được đưa vào vì Bộ luật Lao động chưa được sửa đổi tại thời điểm soạn; bổ sung khi có luật.
export type CalendarDayKind = 'nghi' | 'lam_bu';
export interface CalendarDay {
  date: string /* 'YYYY-MM-DD' local date */;
  kind: CalendarDayKind;
  name: string; /* Vietnamese, e.g. 'Tết Nguyên đán', 'Làm bù cho ngày 02/01/2026' */
}
export const VIETNAM_CALENDAR_2020_2027: readonly CalendarDay[] = [
  // ── 2020 ──
  { date: '2020-01-01', kind: 'nghi', name: 'Tết Dương lịch' },
  { date: '2020-01-23', kind: 'nghi', name: 'Tết Nguyên đán (29 tháng Chạp)' },
  { date: '2020-01-24', kind: 'nghi', name: 'Tết Nguyên đán (30 tháng Chạp)' },
  { date: '2020-01-27', kind: 'nghi', name: 'Tết Nguyên đán (mùng 3)' },
  { date: '2020-01-28', kind: 'nghi', name: 'Nghỉ bù Tết Nguyên đán (mùng 4)' },
  { date: '2020-01-29', kind: 'nghi', name: 'Nghỉ bù Tết Nguyên đán (mùng 5)' },
  { date: '2020-04-02', kind: 'nghi', name: 'Giỗ Tổ Hùng Vương' },
  { date: '2020-04-30', kind: 'nghi', name: 'Ngày Chiến thắng 30/4' },
  { date: '2020-05-01', kind: 'nghi', name: 'Ngày Quốc tế Lao động' },
  { date: '2020-09-02', kind: 'nghi', name: 'Quốc khánh' },
  // ── 2021 ──
  { date: '2021-01-01', kind: 'nghi', name: 'Tết Dương lịch' },
  { date: '2021-02-10', kind: 'nghi', name: 'Tết Nguyên đán (29 tháng Chạp)' },
  { date: '2021-02-11', kind: 'nghi', name: 'Tết Nguyên đán (30 tháng Chạp)' },
  { date: '2021-02-12', kind: 'nghi', name: 'Tết Nguyên đán (mùng 1)' },
  { date: '2021-02-15', kind: 'nghi', name: 'Nghỉ bù Tết Nguyên đán (mùng 4)' },
  { date: '2021-02-16', kind: 'nghi', name: 'Nghỉ bù Tết Nguyên đán (mùng 5)' },
  { date: '2021-04-21', kind: 'nghi', name: 'Giỗ Tổ Hùng Vương' },
  { date: '2021-04-30', kind: 'nghi', name: 'Ngày Chiến thắng 30/4' },
  { date: '2021-05-03', kind: 'nghi', name: 'Nghỉ bù Ngày Quốc tế Lao động' },
  { date: '2021-09-02', kind: 'nghi', name: 'Quốc khánh' },
  { date: '2021-09-03', kind: 'nghi', name: 'Quốc khánh (ngày liền kề)' },
  // ── 2022 ──
  { date: '2022-01-03', kind: 'nghi', name: 'Nghỉ bù Tết Dương lịch' },
  { date: '2022-01-31', kind: 'nghi', name: 'Tết Nguyên đán (29 tháng Chạp)' },
  { date: '2022-02-01', kind: 'nghi', name: 'Tết Nguyên đán (mùng 1)' },
  { date: '2022-02-02', kind: 'nghi', name: 'Tết Nguyên đán (mùng 2)' },
  { date: '2022-02-03', kind: 'nghi', name: 'Tết Nguyên đán (mùng 3)' },
  { date: '2022-02-04', kind: 'nghi', name: 'Tết Nguyên đán (mùng 4)' },
  { date: '2022-04-11', kind: 'nghi', name: 'Nghỉ bù Giỗ Tổ Hùng Vương' },
  { date: '2022-05-02', kind: 'nghi', name: 'Nghỉ bù Ngày Chiến thắng 30/4' },
  { date: '2022-05-03', kind: 'nghi', name: 'Nghỉ bù Ngày Quốc tế Lao động' },
  { date: '2022-09-01', kind: 'nghi', name: 'Quốc khánh (ngày liền kề)' },
  { date: '2022-09-02', kind: 'nghi', name: 'Quốc khánh' },
  // ── 2023 ──
  { date: '2023-01-02', kind: 'nghi', name: 'Nghỉ bù Tết Dương lịch' },
  { date: '2023-01-20', kind: 'nghi', name: 'Tết Nguyên đán (29 tháng Chạp)' },
  { date: '2023-01-23', kind: 'nghi', name: 'Tết Nguyên đán (mùng 2)' },
  { date: '2023-01-24', kind: 'nghi', name: 'Tết Nguyên đán (mùng 3)' },
  { date: '2023-01-25', kind: 'nghi', name: 'Nghỉ bù Tết Nguyên đán (mùng 4)' },
  { date: '2023-01-26', kind: 'nghi', name: 'Nghỉ bù Tết Nguyên đán (mùng 5)' },
  { date: '2023-05-01', kind: 'nghi', name: 'Ngày Quốc tế Lao động' },
  { date: '2023-05-02', kind: 'nghi', name: 'Nghỉ bù Giỗ Tổ Hùng Vương' },
  { date: '2023-05-03', kind: 'nghi', name: 'Nghỉ bù Ngày Chiến thắng 30/4' },
  { date: '2023-09-01', kind: 'nghi', name: 'Quốc khánh (ngày liền kề)' },
  { date: '2023-09-04', kind: 'nghi', name: 'Nghỉ bù Quốc khánh' },
  // ── 2024 ──
  { date: '2024-01-01', kind: 'nghi', name: 'Tết Dương lịch' },
  { date: '2024-02-08', kind: 'nghi', name: 'Tết Nguyên đán (29 tháng Chạp)' },
  { date: '2024-02-09', kind: 'nghi', name: 'Tết Nguyên đán (30 tháng Chạp)' },
  { date: '2024-02-12', kind: 'nghi', name: 'Tết Nguyên đán (mùng 3)' },
  { date: '2024-02-13', kind: 'nghi', name: 'Nghỉ bù Tết Nguyên đán (mùng 4)' },
  { date: '2024-02-14', kind: 'nghi', name: 'Nghỉ bù Tết Nguyên đán (mùng 5)' },
  { date: '2024-04-18', kind: 'nghi', name: 'Giỗ Tổ Hùng Vương' },
  { date: '2024-04-29', kind: 'nghi', name: 'Nghỉ hoán đổi dịp 30/4–1/5 (làm bù thứ Bảy 04/05/2024)' },
  { date: '2024-04-30', kind: 'nghi', name: 'Ngày Chiến thắng 30/4' },
  { date: '2024-05-01', kind: 'nghi', name: 'Ngày Quốc tế Lao động' },
  { date: '2024-05-04', kind: 'lam_bu', name: 'Làm bù cho ngày 29/04/2024' },
  { date: '2024-09-02', kind: 'nghi', name: 'Quốc khánh' },
  { date: '2024-09-03', kind: 'nghi', name: 'Quốc khánh (ngày liền kề)' },
  // ── 2025 ──
  { date: '2025-01-01', kind: 'nghi', name: 'Tết Dương lịch' },
  { date: '2025-01-27', kind: 'nghi', name: 'Tết Nguyên đán (28 tháng Chạp)' },
  { date: '2025-01-28', kind: 'nghi', name: 'Tết Nguyên đán (29 tháng Chạp)' },
  { date: '2025-01-29', kind: 'nghi', name: 'Tết Nguyên đán (mùng 1)' },
  { date: '2025-01-30', kind: 'nghi', name: 'Tết Nguyên đán (mùng 2)' },
  { date: '2025-01-31', kind: 'nghi', name: 'Tết Nguyên đán (mùng 3)' },
  { date: '2025-04-07', kind: 'nghi', name: 'Giỗ Tổ Hùng Vương' },
  { date: '2025-04-26', kind: 'lam_bu', name: 'Làm bù cho ngày 02/05/2025' },
  { date: '2025-04-30', kind: 'nghi', name: 'Ngày Chiến thắng 30/4' },
  { date: '2025-05-01', kind: 'nghi', name: 'Ngày Quốc tế Lao động' },
  { date: '2025-05-02', kind: 'nghi', name: 'Nghỉ hoán đổi dịp 30/4–1/5 (làm bù thứ Bảy 26/04/2025)' },
  { date: '2025-09-01', kind: 'nghi', name: 'Quốc khánh (ngày liền kề)' },
  { date: '2025-09-02', kind: 'nghi', name: 'Quốc khánh' },
  // ── 2026 ──
  { date: '2026-01-01', kind: 'nghi', name: 'Tết Dương lịch' },
  { date: '2026-01-02', kind: 'nghi', name: 'Nghỉ hoán đổi dịp Tết Dương lịch (làm bù thứ Bảy 10/01/2026)' },
  { date: '2026-01-10', kind: 'lam_bu', name: 'Làm bù cho ngày 02/01/2026' },
  { date: '2026-02-16', kind: 'nghi', name: 'Tết Nguyên đán (29 tháng Chạp)' },
  { date: '2026-02-17', kind: 'nghi', name: 'Tết Nguyên đán (mùng 1)' },
  { date: '2026-02-18', kind: 'nghi', name: 'Tết Nguyên đán (mùng 2)' },
  { date: '2026-02-19', kind: 'nghi', name: 'Tết Nguyên đán (mùng 3)' },
  { date: '2026-02-20', kind: 'nghi', name: 'Tết Nguyên đán (mùng 4)' },
  { date: '2026-04-27', kind: 'nghi', name: 'Nghỉ bù Giỗ Tổ Hùng Vương' },
  { date: '2026-04-30', kind: 'nghi', name: 'Ngày Chiến thắng 30/4' },
  { date: '2026-05-01', kind: 'nghi', name: 'Ngày Quốc tế Lao động' },
  { date: '2026-08-22', kind: 'lam_bu', name: 'Làm bù cho ngày 31/08/2026' },
  { date: '2026-08-31', kind: 'nghi', name: 'Nghỉ hoán đổi dịp Quốc khánh (làm bù thứ Bảy 22/08/2026)' },
  { date: '2026-09-01', kind: 'nghi', name: 'Quốc khánh (ngày liền kề)' },
  { date: '2026-09-02', kind: 'nghi', name: 'Quốc khánh' },
  // ── 2027 (chưa có thông báo; toàn bộ là dự kiến) ──
  { date: '2027-01-01', kind: 'nghi', name: 'Tết Dương lịch' }, // dự kiến (theo BLLĐ 2019)
  { date: '2027-02-04', kind: 'nghi', name: 'Tết Nguyên đán (28 tháng Chạp)' }, // dự kiến (phương án 2 ngày trước, 3 ngày sau Tết)
  { date: '2027-02-05', kind: 'nghi', name: 'Tết Nguyên đán (29 tháng Chạp)' }, // dự kiến
  { date: '2027-02-08', kind: 'nghi', name: 'Tết Nguyên đán (mùng 3)' }, // dự kiến
  { date: '2027-02-09', kind: 'nghi', name: 'Nghỉ bù Tết Nguyên đán (mùng 4)' }, // dự kiến
  { date: '2027-02-10', kind: 'nghi', name: 'Nghỉ bù Tết Nguyên đán (mùng 5)' }, // dự kiến
  { date: '2027-04-16', kind: 'nghi', name: 'Giỗ Tổ Hùng Vương' }, // dự kiến (theo BLLĐ 2019)
  { date: '2027-04-30', kind: 'nghi', name: 'Ngày Chiến thắng 30/4' }, // dự kiến (theo BLLĐ 2019)
  { date: '2027-05-03', kind: 'nghi', name: 'Nghỉ bù Ngày Quốc tế Lao động' }, // dự kiến (theo BLLĐ 2019 Điều 111 khoản 3)
  { date: '2027-09-02', kind: 'nghi', name: 'Quốc khánh' }, // dự kiến (theo BLLĐ 2019)
  { date: '2027-09-03', kind: 'nghi', name: 'Quốc khánh (ngày liền kề)' }, // dự kiến (chọn 03/09 theo tiền lệ 2021)
];
