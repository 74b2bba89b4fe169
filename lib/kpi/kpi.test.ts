// Hand-checked cases, one row per rule of SPEC §2–3.
import { describe, expect, test } from 'vitest';
import { D, at, dossier } from './testing';
import { WorkCalendar, computeDue } from '@/lib/calendar';
import {
  asOfTime,
  computeScore,
  countsFromSums,
  endOf,
  isLateAt,
  kpisFromSums,
  outcomeOf,
  previousPeriod,
  rank,
  ratio,
  resolveTarget,
  sumDossiers,
  type KpiFeedback,
  type TargetRule,
} from './index';

// Tết 2025 (27–31/01) and 30/4–2/5/2025 off; Saturday 26/04/2025 worked.
const calendar = new WorkCalendar([
  ...['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-04-30', '2025-05-01', '2025-05-02'].map(
    (date) => ({ date, kind: 'nghi' as const }),
  ),
  { date: '2025-04-26', kind: 'lam_bu' as const },
]);

describe('timing rules (SPEC §2)', () => {
  test.each([
    ['finished the day before the due: early', { processedAt: '2025-03-13T10:00:00' }, 'early'],
    ['finished on the due day: on time', { processedAt: '2025-03-14T16:00:00' }, 'onTime'],
    ['finished exactly at the due instant: on time', { processedAt: D }, 'onTime'],
    ['finished 1 ms after the due: late', { processedAt: '2025-03-15T00:00:00.000' }, 'late'],
    [
      'a 3-day supplement pause makes a finish 2 days after the due on time',
      {
        supplementRequestedAt: '2025-03-11T09:00:00',
        supplementCompletedAt: '2025-03-14T09:00:00',
        supplementCount: 1,
        processedAt: '2025-03-17T09:00:00',
      },
      'onTime',
    ],
    [
      'the same pause, finished a day earlier: early',
      {
        supplementRequestedAt: '2025-03-11T09:00:00',
        supplementCompletedAt: '2025-03-14T09:00:00',
        supplementCount: 1,
        processedAt: '2025-03-16T10:00:00',
      },
      'early',
    ],
    [
      'the same pause, finished after D + S: late',
      {
        supplementRequestedAt: '2025-03-11T09:00:00',
        supplementCompletedAt: '2025-03-14T09:00:00',
        supplementCount: 1,
        processedAt: '2025-03-18T00:00:00',
      },
      'late',
    ],
    [
      'two supplements: late although finished early',
      {
        supplementRequestedAt: '2025-03-11T09:00:00',
        supplementCompletedAt: '2025-03-11T15:00:00',
        supplementCount: 2,
        processedAt: '2025-03-12T09:00:00',
      },
      'late',
    ],
    [
      'waiting for a supplement: ended at the request',
      { supplementRequestedAt: '2025-03-12T09:00:00', supplementCount: 1 },
      'early',
    ],
    ['withdrawn after the due: late', { withdrawnAt: '2025-03-18T09:00:00' }, 'late'],
    ['refused before the due: early', { rejectedAt: '2025-03-11T09:00:00' }, 'early'],
    [
      'NgayKetThucXuLy wins over a later NgayTra',
      { processedAt: '2025-03-14T09:00:00', returnedAt: '2025-03-17T09:00:00' },
      'onTime',
    ],
    ['only NgayTra, after the due: late', { returnedAt: '2025-03-17T09:00:00' }, 'late'],
  ])('%s', (_name, over, expected) => {
    expect(outcomeOf(dossier(over))).toBe(expected);
  });

  test('an unfinished dossier has no end and no outcome', () => {
    expect(endOf(dossier())).toBeNull();
    expect(outcomeOf(dossier())).toBeNull();
  });

  test('a completed supplement with no later end leaves the dossier unfinished', () => {
    expect(
      endOf(dossier({ supplementRequestedAt: '2025-03-11T09:00:00', supplementCompletedAt: '2025-03-12T09:00:00' })),
    ).toBeNull();
  });

  test.each([
    ['before the due', '2025-03-14T12:00:00', {}, false],
    ['at the due instant', D, {}, false],
    ['after the due', '2025-03-15T08:00:00', {}, true],
    [
      'after the due but within the supplement pause',
      '2025-03-16T08:00:00',
      { supplementRequestedAt: '2025-03-11T09:00:00', supplementCompletedAt: '2025-03-13T09:00:00', supplementCount: 1 },
      false,
    ],
    ['two supplements: late from the start', '2025-03-11T08:00:00', { supplementCount: 2 }, true],
  ])('an unfinished dossier judged %s', (_name, t, over, late) => {
    expect(isLateAt(dossier(over), at(t))).toBe(late);
  });

  test('due computed across Tết, then judged', () => {
    const received = at('2025-01-23T09:00:00');
    const due = computeDue(received, 3, 'ngay_lam_viec', calendar);
    expect(due).toEqual(at('2025-02-04T23:59:59.999'));
    expect(outcomeOf(dossier({ receivedAt: received, deadlineAt: due, processedAt: '2025-02-04T10:00:00' }))).toBe('onTime');
    expect(outcomeOf(dossier({ receivedAt: received, deadlineAt: due, processedAt: '2025-02-05T10:00:00' }))).toBe('late');
  });

  test('due computed across a make-up Saturday, then judged', () => {
    const received = at('2025-04-24T09:00:00');
    const due = computeDue(received, 2, 'ngay_lam_viec', calendar);
    expect(due).toEqual(at('2025-04-26T23:59:59.999'));
    expect(outcomeOf(dossier({ receivedAt: received, deadlineAt: due, processedAt: '2025-04-28T08:00:00' }))).toBe('late');
  });
});

describe('sets and KPIs of a period (SPEC §3)', () => {
  const march = { from: '2025-03-01', to: '2025-03-31' };
  const afterMarch = at('2025-06-01T00:00:00');

  test.each([
    [
      'received before the period, resolved in it: resolved, not received',
      { receivedAt: '2025-02-25T09:00:00', deadlineAt: '2025-03-05T23:59:59.999', processedAt: '2025-03-04T09:00:00' },
      { received: 0, resolved: 1, resolvedEarly: 1, pending: 0 },
    ],
    [
      'received in the period, resolved after it: received and pending at the end, not late',
      { receivedAt: '2025-03-28T09:00:00', deadlineAt: '2025-04-04T23:59:59.999', processedAt: '2025-04-02T09:00:00' },
      { received: 1, resolved: 0, pending: 1, pendingLate: 0 },
    ],
    [
      'pending and already late at the end of the period',
      { receivedAt: '2025-03-10T09:00:00', processedAt: '2025-04-10T09:00:00', apologyAt: '2025-03-20T09:00:00' },
      { received: 1, resolved: 0, pending: 1, pendingLate: 1, pendingLateApology: 1 },
    ],
    [
      'received after the period: nothing',
      { receivedAt: '2025-04-02T09:00:00', deadlineAt: '2025-04-04T23:59:59.999' },
      { received: 0, resolved: 0, pending: 0 },
    ],
    [
      'received and resolved late in the period, with an apology and a rating of 1',
      { processedAt: '2025-03-20T09:00:00', apologyAt: '2025-03-17T09:00:00', rating: 1, eResult: true },
      {
        received: 1,
        resolved: 1,
        resolvedLate: 1,
        resolvedLateApology: 1,
        rated: 1,
        ratedSatisfied: 0,
        eResultBase: 1,
        eResultIssued: 1,
        workDays: 8,
      },
    ],
    [
      'refused: resolved, but not a result for the e-result rate',
      { rejectedAt: '2025-03-11T09:00:00', eResult: true },
      { resolved: 1, resolvedEarly: 1, eResultBase: 0, eResultIssued: 0, workDays: 1 },
    ],
    [
      'online, with a fee paid on the provincial portal',
      { channel: 2, fee: 50000, onlinePayment: 2, digitized: true, reusedData: true },
      { received: 1, receivedOnline: 1, receivedWithFee: 1, receivedPaidOnline: 1, receivedDigitized: 1, receivedReused: 1 },
    ],
    [
      'a fee of 0 is not in the online-payment denominator',
      { fee: 0, onlinePayment: 1 },
      { received: 1, receivedWithFee: 0, receivedPaidOnline: 0 },
    ],
  ])('%s', (_name, over, expected) => {
    const sums = sumDossiers([dossier(over)], [], march, afterMarch, calendar);
    expect(sums).toMatchObject(expected);
  });

  test('the current month: T is now, so a dossier due later today is pending and not late', () => {
    const now = at('2025-03-14T15:00:00');
    const sums = sumDossiers([dossier(), dossier({ deadlineAt: '2025-03-13T23:59:59.999' })], [], march, now, calendar);
    expect(asOfTime(march, now)).toEqual(now);
    expect(sums).toMatchObject({ received: 2, pending: 2, pendingLate: 1 });
    expect(kpisFromSums(sums).onTime).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
  });

  test('feedback: resolved by the due and pending not yet due count as on time', () => {
    const f = (received: string, due: string, resolved: string | null): KpiFeedback => ({
      receivedAt: at(received),
      deadlineAt: at(due),
      resolvedAt: resolved ? at(resolved) : null,
    });
    const sums = sumDossiers(
      [],
      [
        f('2025-03-03T09:00:00', '2025-03-24T23:59:59.999', '2025-03-20T09:00:00'), // resolved on time
        f('2025-03-03T09:00:00', '2025-03-24T23:59:59.999', '2025-03-26T09:00:00'), // resolved late
        f('2025-03-20T09:00:00', '2025-04-10T23:59:59.999', null), // pending, not yet due at T
        f('2025-02-03T09:00:00', '2025-02-24T23:59:59.999', null), // pending, overdue
      ],
      march,
      afterMarch,
      calendar,
    );
    expect(kpisFromSums(sums).feedbackOnTime).toEqual({ numerator: 2, denominator: 4, value: 0.5 });
  });

  test('every KPI from the sums, and "—" (null) for an empty denominator', () => {
    const sums = {
      received: 10,
      receivedOnline: 4,
      receivedWithFee: 5,
      receivedPaidOnline: 1,
      receivedDigitized: 8,
      receivedReused: 2,
      resolved: 8,
      resolvedEarly: 5,
      resolvedOnTime: 2,
      resolvedLate: 1,
      resolvedLateApology: 1,
      eResultBase: 0,
      eResultIssued: 0,
      rated: 4,
      ratedSatisfied: 3,
      workDays: 20,
      pending: 4,
      pendingLate: 1,
      pendingLateApology: 0,
      feedbackResolved: 0,
      feedbackResolvedOnTime: 0,
      feedbackPending: 0,
      feedbackPendingNotDue: 0,
    };
    const k = kpisFromSums(sums);
    expect(k.onTime).toEqual(ratio(10, 12));
    expect(k.resolvedOnTime).toEqual(ratio(7, 8));
    expect(k.online).toEqual(ratio(4, 10));
    expect(k.onlinePayment).toEqual(ratio(1, 5));
    expect(k.digitized).toEqual(ratio(8, 10));
    expect(k.reuse).toEqual(ratio(2, 10));
    expect(k.satisfaction).toEqual(ratio(3, 4));
    expect(k.apology).toEqual(ratio(1, 2));
    expect(k.eResult).toEqual({ numerator: 0, denominator: 0, value: null });
    expect(k.feedbackOnTime.value).toBeNull();
    expect(countsFromSums(sums)).toEqual({
      received: 10,
      resolved: { total: 8, early: 5, onTime: 2, late: 1 },
      pending: { total: 4, withinDue: 3, late: 1 },
      meanProcessingDays: 2.5,
    });
  });
});

describe('targets: the most specific applies', () => {
  const rules: TargetRule[] = [
    { id: 1, kpi: 'onTime', year: 2025, threshold: 0.95, unitPath: '/1/', level: null, fieldId: null },
    { id: 2, kpi: 'onTime', year: 2025, threshold: 0.96, unitPath: '/1/20/', level: 'xa', fieldId: null },
    { id: 3, kpi: 'satisfaction', year: 2025, threshold: 0.95, unitPath: '/1/', level: null, fieldId: null },
    { id: 4, kpi: 'satisfaction', year: 2025, threshold: 0.9, unitPath: '/1/', level: null, fieldId: 7 },
    { id: 5, kpi: 'online', year: 2025, threshold: 0.3, unitPath: '/1/', level: 'huyen', fieldId: null },
    { id: 6, kpi: 'online', year: 2025, threshold: 0.2, unitPath: '/1/', level: 'xa', fieldId: null },
    { id: 7, kpi: 'onTime', year: 2024, threshold: 0.9, unitPath: null, level: null, fieldId: null },
  ];
  test.each([
    ["a commune of district 20 gets its district's 96 %", { kpi: 'onTime', unitPath: '/1/20/300/', level: 'xa' }, 2],
    ["a commune elsewhere gets the province's 95 %", { kpi: 'onTime', unitPath: '/1/21/310/', level: 'xa' }, 1],
    ['the district itself is not a commune: 95 %', { kpi: 'onTime', unitPath: '/1/20/', level: 'huyen' }, 1],
    ['land (field 7) satisfaction: 90 %', { kpi: 'satisfaction', unitPath: '/1/20/', level: 'huyen', fieldId: 7 }, 4],
    ['all fields: 95 %', { kpi: 'satisfaction', unitPath: '/1/20/', level: 'huyen' }, 3],
    ['online, district level: 30 %', { kpi: 'online', unitPath: '/1/20/', level: 'huyen' }, 5],
    ['online, commune level: 20 %', { kpi: 'online', unitPath: '/1/20/300/', level: 'xa' }, 6],
    ['online, a department: no target', { kpi: 'online', unitPath: '/1/5/', level: 'so_nganh' }, null],
    ['another year: its own target', { kpi: 'onTime', unitPath: '/1/20/', level: 'huyen', year: 2024 }, 7],
  ] as const)('%s', (_name, subject, id) => {
    const found = resolveTarget(rules, { year: 2025, fieldId: null, ...subject });
    expect(found?.id ?? null).toBe(id);
  });
});

describe('766 score estimate', () => {
  const weights = [
    { kpi: 'onTime', points: 20, target: 1 },
    { kpi: 'online', points: 12, target: 0.5 },
    { kpi: 'digitized', points: 4, target: 0.8 },
    { kpi: 'eResult', points: 6, target: 1 },
  ] as const;
  test('full points at or above the target, pro rata below it, null indicators left out', () => {
    const score = computeScore(
      {
        onTime: ratio(9, 10),
        online: ratio(3, 5),
        digitized: ratio(2, 5),
        eResult: ratio(0, 0),
      },
      weights,
    );
    // onTime 0.9 × 20 = 18; online ≥ 0.5 → 12; digitized 0.4 × 4 / 0.8 = 2; eResult left out → max 36.
    expect(score.earned).toBeCloseTo(32, 10);
    expect(score.max).toBe(36);
    expect(score.value).toBeCloseTo((100 * 32) / 36, 10);
  });
  test('no indicator with a value: no score', () => {
    expect(computeScore({}, weights).value).toBeNull();
  });
});

describe('rankings', () => {
  test('equal values share a rank; small samples and nulls are listed unranked', () => {
    const ranked = rank(
      [
        { key: 'A', value: 0.9, sample: 50 },
        { key: 'B', value: 0.95, sample: 50 },
        { key: 'C', value: 0.9, sample: 50 },
        { key: 'D', value: 0.8, sample: 50 },
        { key: 'E', value: 1, sample: 3 },
        { key: 'F', value: null, sample: 0 },
      ],
      10,
    );
    expect(ranked.map((r) => [r.key, r.rank])).toEqual([
      ['B', 1],
      ['A', 2],
      ['C', 2],
      ['D', 4],
      ['E', null],
      ['F', null],
    ]);
  });
  test.each([
    ['a month: the month before', '2025-03-01', '2025-03-31', '2025-02-01', '2025-02-28'],
    ['a quarter: the quarter before', '2025-04-01', '2025-06-30', '2025-01-01', '2025-03-31'],
    ['a year: the year before, leap or not', '2025-01-01', '2025-12-31', '2024-01-01', '2024-12-31'],
    ['any other range: as many days, ending the day before', '2025-03-10', '2025-03-16', '2025-03-03', '2025-03-09'],
  ])('previous period of %s', (_name, from, to, pFrom, pTo) => {
    expect(previousPeriod({ from, to })).toEqual({ from: pFrom, to: pTo });
  });
});
