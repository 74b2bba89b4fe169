// Deterministic demo dossiers for the demo province: seasonality (the Tết dip), units that are chronically late and
// units that improve, online share rising over time, fees, ratings, supplements, apology letters, pending dossiers.
// Same seed, same `until` → same rows.
import {
  WorkCalendar,
  addDays,
  addLocalMonths,
  computeDue,
  daysBetween,
  localDayOf,
  startOfLocalDay,
  type LocalDay,
} from '../../lib/calendar';
import type { UnitLevel } from '../../lib/kpi';
import type { CatalogProcedure } from './catalog';
import { FAMILY, GIVEN, MIDDLE } from './names';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** sfc32: a small, fast, seedable generator (same sequence on every machine). */
export function createRandom(seed: number): () => number {
  let a = 0x9e3779b9 ^ seed,
    b = 0x243f6a88 ^ (seed * 31),
    c = 0xb7e15162,
    d = 1;
  const next = () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

export interface SeedUnit {
  id: number;
  code: string;
  name: string;
  level: UnitLevel;
  /** In force from, to (both included; default: always). Dossiers come only to a unit in force on their day. */
  validFrom?: LocalDay;
  validTo?: LocalDay | null;
  /** Departments: the catalogue's department codes whose procedures it receives (default: its own code). */
  serves?: string[];
  /** Units that went into this one, with their shares: it receives about what they did. */
  predecessors?: Array<{ id: number; share: number }>;
  parentId?: number | null;
}

export const isInForce = (u: Pick<SeedUnit, 'validFrom' | 'validTo'>, day: LocalDay) =>
  (u.validFrom ?? '0000-01-01') <= day && (u.validTo ?? '9999-12-31') >= day;
export interface SeedProcedure extends CatalogProcedure {
  id: number;
}

export interface DossierRow {
  code: string;
  unitId: number;
  procedureId: number;
  channel: 1 | 2 | 3;
  receivedAt: Date;
  dueAt: Date | null;
  processedAt: Date | null;
  returnedAt: Date | null;
  rejectedAt: Date | null;
  withdrawnAt: Date | null;
  supplementRequestedAt: Date | null;
  supplementCompletedAt: Date | null;
  supplementCount: number;
  fee: number;
  onlinePayment: number | null;
  digitized: boolean;
  eResult: boolean;
  reusedData: boolean;
  rating: number | null;
  apologyAt: Date | null;
  handler: string;
  deadlineAt: Date;
}

export interface GenerateOptions {
  dossiers: number;
  seed: number;
  /** Generation stops here ("now" of the demo); dossiers whose end would come later are left pending. */
  until: Date;
  /** Months of history before `until`. */
  months: number;
}

interface UnitProfile {
  unit: SeedUnit;
  size: number;
  lateStart: number;
  lateEnd: number;
  digital: number;
  apologyRate: number;
  handlers: string[];
}

function profileUnits(units: SeedUnit[], random: () => number): UnitProfile[] {
  const between = (lo: number, hi: number) => lo + (hi - lo) * random();
  const profiles = units.map((unit) => {
    const kind = random();
    // Most units are good, about one in eight is chronically late, about one in ten improves over the period.
    const [lateStart, lateEnd] =
      kind < 0.12
        ? [between(0.12, 0.3), between(0.1, 0.28)]
        : kind < 0.22
          ? [between(0.22, 0.35), between(0.01, 0.04)]
          : (() => {
              const v = between(0.005, 0.05);
              return [v, v * between(0.6, 1.2)];
            })();
    const urban = /thành phố|phường|thị trấn/i.test(unit.name);
    // A department serves the whole province (through the provincial public-service centre): weight it as such.
    const size =
      (unit.level === 'huyen' ? between(1, 1.6) : unit.level === 'xa' ? between(0.4, 1.3) : between(6, 14)) * (urban ? 2 : 1);
    const handlers = Array.from(
      { length: 2 + Math.floor(random() * 5) },
      () =>
        `${FAMILY[Math.floor(random() * FAMILY.length)]} ${MIDDLE[Math.floor(random() * MIDDLE.length)]} ${GIVEN[Math.floor(random() * GIVEN.length)]}`,
    );
    return { unit, size, lateStart, lateEnd, digital: between(0.6, 1.4), apologyRate: between(0.15, 0.95), handlers };
  });
  // A merged unit: the sum of its predecessors' shares (in order: predecessors come first in the list).
  const byId = new Map(profiles.map((p) => [p.unit.id, p]));
  for (const p of profiles) {
    if (p.unit.predecessors?.length)
      p.size = p.unit.predecessors.reduce((sum, x) => sum + (byId.get(x.id)?.size ?? 0) * x.share, 0);
  }
  return profiles;
}

/** Units that receive a procedure: its levels, and for departments only those named in departmentCodes. */
function receives(unit: SeedUnit, procedure: CatalogProcedure): boolean {
  if (!procedure.levels.includes(unit.level)) return false;
  return unit.level !== 'so_nganh' || (procedure.departmentCodes ?? []).some((c) => (unit.serves ?? [unit.code]).includes(c));
}

function cumulative(weights: number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    out[i] = sum;
  });
  return out;
}

function pick(cdf: Float64Array, random: () => number): number {
  const x = random() * cdf[cdf.length - 1]!;
  let lo = 0,
    hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const yymmdd = (day: LocalDay) => day.slice(2, 4) + day.slice(5, 7) + day.slice(8, 10);

export function* generateDossiers(
  units: SeedUnit[],
  procedures: SeedProcedure[],
  calendar: WorkCalendar,
  tetDays: Set<LocalDay>,
  options: GenerateOptions,
): Generator<DossierRow> {
  const random = createRandom(options.seed);
  const profiles = profileUnits(units, random);
  const now = options.until.getTime();
  const lastDay = localDayOf(options.until);
  const startDay = addLocalMonths(`${lastDay.slice(0, 7)}-01`, -(options.months - 1));
  const totalDays = daysBetween(startDay, lastDay) + 1;

  // (unit, procedure) pairs and their weights.
  const pairs: Array<{ profile: UnitProfile; procedure: SeedProcedure }> = [];
  for (const profile of profiles) {
    for (const procedure of procedures) if (receives(profile.unit, procedure)) pairs.push({ profile, procedure });
  }
  if (pairs.length === 0) throw new Error('No unit receives any procedure: check the catalogue.');
  const pairCdf = cumulative(pairs.map((p) => p.procedure.weight * p.profile.size));

  // Day weights: working days carry the load, weekends and holidays only online arrivals; fewer around Tết,
  // more just before it, and a slow growth over the period.
  const days: LocalDay[] = [];
  const dayWeights: number[] = [];
  for (let i = 0; i < totalDays; i++) {
    const day = addDays(startDay, i);
    const nearTet = [...Array(15).keys()].some((k) => tetDays.has(addDays(day, k)));
    let w = calendar.isWorkingDay(day) ? 1 : 0.06;
    if (nearTet && calendar.isWorkingDay(day)) w *= 1.25;
    if ([...Array(10).keys()].some((k) => tetDays.has(addDays(day, -k)))) w *= 0.6;
    w *= 1 + 0.25 * (i / totalDays);
    days.push(day);
    dayWeights.push(w);
  }
  const weightSum = dayWeights.reduce((a, b) => a + b, 0);

  const dueCache = new Map<string, Date>();
  let carry = 0;
  let produced = 0;
  for (let i = 0; i < totalDays; i++) {
    const day = days[i]!;
    const t = i / Math.max(1, totalDays - 1); // 0 → 1 over the period
    const exact = (options.dossiers * dayWeights[i]!) / weightSum + carry;
    let count = Math.floor(exact);
    carry = exact - count;
    if (i === totalDays - 1) count = options.dossiers - produced;
    const working = calendar.isWorkingDay(day);
    const dayStart = startOfLocalDay(day).getTime();
    const seqByUnit = new Map<number, number>();
    const received: Array<{ at: number; pair: (typeof pairs)[number] }> = [];
    for (let k = 0; k < count; k++) {
      const offset = working ? 7.5 * HOUR + random() * 9.5 * HOUR : random() * 24 * HOUR;
      // Only a unit in force that day receives (before and after the reorganisation, different units).
      let pair = pairs[pick(pairCdf, random)]!;
      for (let tries = 0; !isInForce(pair.profile.unit, day) && tries < 1000; tries++) pair = pairs[pick(pairCdf, random)]!;
      received.push({ at: dayStart + offset, pair });
    }
    received.sort((a, b) => a.at - b.at);
    for (const { at, pair } of received) {
      if (at > now) continue; // today's dossiers not yet received
      produced++;
      const { profile, procedure } = pair;
      const unitId = profile.unit.id;
      const seq = (seqByUnit.get(unitId) ?? 0) + 1;
      seqByUnit.set(unitId, seq);
      const R = new Date(at);

      // Channel: online grows over time, more for fully-online procedures and digitally mature units;
      // on weekends and holidays only online dossiers arrive.
      const onlineShare =
        procedure.onlineLevel === 'khong'
          ? 0
          : clamp01((0.06 + 0.5 * t) * profile.digital * (procedure.onlineLevel === 'toan_trinh' ? 1.25 : 0.7));
      const channel: 1 | 2 | 3 = !working && onlineShare > 0 ? 2 : random() < onlineShare ? 2 : random() < 0.02 ? 3 : 1;

      let D: Date;
      if (procedure.timeUnit === 'gio') D = computeDue(R, procedure.processingTime, 'gio', calendar);
      else {
        const key = `${day}|${procedure.id}`;
        D = dueCache.get(key) ?? computeDue(R, procedure.processingTime, procedure.timeUnit, calendar);
        dueCache.set(key, D);
      }
      const allowed = D.getTime() - at;

      // Supplements: ~7% asked; most come back within a week; some twice (late by rule).
      let supplementRequestedAt: Date | null = null;
      let supplementCompletedAt: Date | null = null;
      let supplementCount = 0;
      let S = 0;
      if (random() < 0.07) {
        supplementRequestedAt = new Date(at + allowed * (0.1 + 0.5 * random()));
        supplementCount = random() < 0.1 ? 2 : 1;
        if (random() < 0.85) {
          S = DAY * (1 + random() * 6);
          supplementCompletedAt = new Date(supplementRequestedAt.getTime() + S);
        }
      }

      // Net processing time (E − S): late ones overrun the due by hours to weeks; 15% finish on the due day.
      const lateRate = profile.lateStart + (profile.lateEnd - profile.lateStart) * t;
      const late = random() < lateRate * (procedure.processingTime >= 15 ? 1.3 : 1);
      let netEnd: number;
      if (late) netEnd = D.getTime() + HOUR + random() * random() * 15 * DAY;
      else if (random() < 0.15 && procedure.timeUnit !== 'gio') {
        const dueDayStart = startOfLocalDay(localDayOf(D)).getTime();
        netEnd = Math.max(at, Math.min(D.getTime(), dueDayStart + 8 * HOUR + random() * 8 * HOUR));
      } else netEnd = at + allowed * (0.15 + 0.8 * Math.pow(random(), 0.7));

      let E: number | null;
      if (supplementRequestedAt && !supplementCompletedAt)
        E = supplementRequestedAt.getTime(); // waiting: ended at the request
      else E = netEnd + S;
      // Some recent dossiers of chronically late units are stuck: still unfinished well after the due.
      if (late && profile.lateEnd > 0.1 && now - at < 120 * DAY && random() < 0.3) E = null;
      if (E !== null && E > now) E = null;
      if (supplementRequestedAt && supplementRequestedAt.getTime() > now) {
        supplementRequestedAt = null;
        supplementCompletedAt = null;
        supplementCount = 0;
        S = 0;
      }
      if (supplementCompletedAt && supplementCompletedAt.getTime() > now) {
        supplementCompletedAt = null;
        S = 0;
        E = supplementRequestedAt!.getTime();
      }

      let processedAt: Date | null = null,
        returnedAt: Date | null = null;
      let rejectedAt: Date | null = null,
        withdrawnAt: Date | null = null;
      const waiting = supplementRequestedAt !== null && supplementCompletedAt === null;
      if (E !== null && !waiting) {
        const how = random();
        if (how < 0.04) rejectedAt = new Date(E);
        else if (how < 0.055) withdrawnAt = new Date(E);
        else {
          processedAt = new Date(E);
          const back = E + random() * 2 * DAY;
          if (back <= now) returnedAt = new Date(back);
        }
      }
      const resolved = E !== null;
      const lateByRule = supplementCount > 1 || (resolved ? E! - S > D.getTime() : now - S > D.getTime());

      const fee = procedure.fee;
      const onlinePayment =
        fee > 0 ? (channel === 2 && random() < clamp01((0.15 + 0.6 * t) * profile.digital) ? (random() < 0.7 ? 1 : 2) : 0) : null;
      const rating =
        resolved && !waiting && random() < 0.45
          ? (() => {
              const r = random();
              return lateByRule ? (r < 0.35 ? 1 : r < 0.8 ? 2 : 3) : r < 0.03 ? 1 : r < 0.45 ? 2 : 3;
            })()
          : null;
      let apologyAt: Date | null = null;
      if (lateByRule && random() < profile.apologyRate) {
        const when = Math.max(at, D.getTime()) + random() * 3 * DAY;
        if (when <= now) apologyAt = new Date(when);
      }

      yield {
        code: `${profile.unit.code}-${yymmdd(day)}-${String(seq).padStart(4, '0')}`,
        unitId,
        procedureId: procedure.id,
        channel,
        receivedAt: R,
        dueAt: random() < 0.97 ? D : null, // a few receipts lack NgayHenTra: D is then computed the same way
        processedAt,
        returnedAt,
        rejectedAt,
        withdrawnAt,
        supplementRequestedAt,
        supplementCompletedAt,
        supplementCount,
        fee,
        onlinePayment,
        digitized: random() < clamp01((0.3 + 0.55 * t) * profile.digital),
        eResult: processedAt !== null && procedure.hasPaperResult && random() < clamp01((0.15 + 0.65 * t) * profile.digital),
        reusedData: random() < clamp01((0.05 + 0.45 * t) * profile.digital),
        rating,
        apologyAt,
        handler: profile.handlers[Math.floor(random() * profile.handlers.length)]!,
        deadlineAt: D,
      };
    }
  }
}

/** Days of the Tết break in a calendar (used for the seasonal dip). */
export function tetDaysOf(entries: ReadonlyArray<{ date: string; name: string; kind: string }>): Set<LocalDay> {
  return new Set(entries.filter((e) => e.kind === 'nghi' && /Tết Nguyên đán/i.test(e.name)).map((e) => e.date));
}
