// Names of units and procedures as one-stop exports write them (SPEC §4.1): matched ignoring case, diacritics, spacing
// and punctuation, and for units the prefixes "UBND" / "Ủy ban nhân dân". Pure.

/** "Ủy ban nhân dân  Phường Kon Tum" and "UBND phường Kon Tum" → "phuong kon tum". */
export function normalizeUnitName(name: string): string {
  return stripUnitPrefix(normalizeName(name));
}

/** A procedure's or any name: lower case, without diacritics, words separated by one space. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// "ủy"/"uỷ" both lose their marks; "ubnd" is the usual abbreviation. A name that is only the prefix stays as it is.
const PREFIX = /^(?:ubnd|uy ban nhan dan)\s+/;
const stripUnitPrefix = (name: string) =>
  PREFIX.test(name) && name.replace(PREFIX, '') !== '' ? name.replace(PREFIX, '') : name;

/** The agency identifier that prefixes a MaHoSo (`000.21.31.H56` of `000.21.31.H56-251201-0001`), or null. */
export function agencyIdPrefix(dossierCode: string): string | null {
  const dash = dossierCode.indexOf('-');
  if (dash <= 0) return null;
  const prefix = dossierCode.slice(0, dash);
  return /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/i.test(prefix) ? prefix.toUpperCase() : null;
}
