// The kinds of import files, as the upload form and the history name them.
export const KIND_LABELS = {
  dossiers: 'Hồ sơ',
  units: 'Đơn vị',
  unit_mapping: 'Kế thừa đơn vị (sáp nhập, chia tách)',
  procedures: 'Thủ tục hành chính',
  holidays: 'Ngày nghỉ, ngày làm bù',
  feedback: 'Phản ánh, kiến nghị',
} as const;
