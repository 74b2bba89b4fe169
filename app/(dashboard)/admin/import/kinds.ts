// The kinds of import files, as the upload form and the history name them.
export const KIND_LABELS = {
  dossiers: 'Hồ sơ',
  units: 'Đơn vị',
  procedures: 'Thủ tục hành chính',
  holidays: 'Ngày nghỉ, ngày làm bù',
  feedback: 'Phản ánh, kiến nghị',
} as const;
