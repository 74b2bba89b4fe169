// A record of the national sync payload (DongBoHoSoMC, SPEC §4.1) as the cells of a row: every value as the text a cell
// would hold, the lists folded into the canonical columns, personal data dropped on read. Pure.
import { isPersonalHeader } from './headers';
import { parseInteger } from './values';

/** What re-importing a record needs of each list: the rest (file names, officials, applicants' data) is dropped. */
const LIST_FIELDS: Readonly<Record<string, readonly string[]>> = {
  DanhSachHoSoBoSung: ['NgayBoSung', 'NgayTiepNhanBoSung'],
  DanhSachLePhi: ['Gia'],
  TaiLieuNop: ['DuocSoHoa', 'DuocTaiSuDung'],
};

// isPersonalHeader normalises Unicode: once per distinct key, not per record (a file has a few dozen keys). Bounded, so
// that a file of ever-new keys cannot grow it without end.
const personalKeys = new Map<string, boolean>();
function isPersonalKey(key: string): boolean {
  let personal = personalKeys.get(key);
  if (personal === undefined) {
    personal = isPersonalHeader(key);
    if (personalKeys.size < 10_000) personalKeys.set(key, personal);
  }
  return personal;
}

/** A JSON value as a cell's text; undefined when it holds nothing (null, "", a list or an object). */
function cellText(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() === '' ? undefined : v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : undefined;
  if (typeof v === 'boolean') return v ? '1' : '0';
  return undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const items = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter(isObject) : []);
const isOne = (v: unknown) => cellText(v)?.trim() === '1';

/**
 * One record → its cells (`raw`, keyed by the record's own keys plus the columns the lists give) and the record to keep
 * for the rejected-rows file (`original`, importable again as it is). Personal data (SPEC §4.1) is in neither.
 */
export function flattenDongBo(record: Record<string, unknown>): {
  raw: Record<string, string>;
  original: Record<string, unknown>;
} {
  const raw: Record<string, string> = {};
  const original: Record<string, unknown> = {};
  for (const key in record) {
    if (!Object.hasOwn(record, key) || isPersonalKey(key)) continue;
    const v = record[key];
    if (v === null || typeof v !== 'object') {
      original[key] = v;
      const text = cellText(v);
      if (text !== undefined) raw[key] = text;
    } else if (Array.isArray(v) && LIST_FIELDS[key]) {
      const fields = LIST_FIELDS[key];
      original[key] = items(v).map((item) => {
        const kept: Record<string, unknown> = {};
        for (const f of fields) if (f in item && (item[f] === null || typeof item[f] !== 'object')) kept[f] = item[f];
        return kept;
      });
    }
    // Other lists and objects (DinhDanhCHS, DanhSachTepDinhKemKhac, DanhSachGiayToKetQua …): nothing the monitor uses.
  }

  // Supplement rounds. A round still open at the end is the one the dossier waits for (status 5: "the last request",
  // and SPEC §2 ends a dossier waiting for a supplement at its request); otherwise the first round and its completion.
  // More than one round makes the dossier late whichever round is kept (SPEC §2).
  const rounds = items(record.DanhSachHoSoBoSung);
  if (rounds.length > 0) {
    raw.SoLanBoSung ??= String(rounds.length);
    const last = rounds[rounds.length - 1]!;
    const open = cellText(last.NgayBoSung) !== undefined && cellText(last.NgayTiepNhanBoSung) === undefined;
    const round = open ? last : rounds[0]!;
    const requested = cellText(round.NgayBoSung);
    const completed = cellText(round.NgayTiepNhanBoSung);
    if (raw.NgayYeuCauBoSung === undefined && requested !== undefined) raw.NgayYeuCauBoSung = requested;
    if (raw.NgayHoanThanhBoSung === undefined && completed !== undefined) raw.NgayHoanThanhBoSung = completed;
  }

  // Fees: their sum when the record gives no PhiLePhi. An amount that is not one is passed on as the cell's text, so that
  // the row is rejected on PhiLePhi naming it, rather than summed wrong.
  if (raw.PhiLePhi === undefined) {
    let sum = 0;
    let any = false;
    for (const fee of items(record.DanhSachLePhi)) {
      const text = cellText(fee.Gia);
      if (text === undefined) continue;
      const amount = parseInteger(text, 0, 1e12, true);
      if (!amount.ok) {
        raw.PhiLePhi = text;
        any = false;
        break;
      }
      sum += amount.value;
      any = true;
    }
    if (any) raw.PhiLePhi = String(sum);
  }

  // 3 = not paid online (one system's code for it): as 0.
  if (raw.DuocThanhToanTrucTuyen?.trim() === '3') raw.DuocThanhToanTrucTuyen = '0';

  // Submitted documents: digitised (766 ref 4.2) when any was, reusing digitised data (4.3) when any did.
  const documents = items(record.TaiLieuNop);
  if (documents.length > 0) {
    raw.DaSoHoa ??= documents.some((d) => isOne(d.DuocSoHoa)) ? '1' : '0';
    raw.HoSoCoThanhPhanSoHoa ??= documents.some((d) => isOne(d.DuocTaiSuDung)) ? '1' : '0';
  }
  return { raw, original };
}
