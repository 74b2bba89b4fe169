// The explanation agrees with outcomeOf on every case and names the rule that decided.
import { describe, expect, test } from 'vitest';
import { D, at, dossier } from './testing';
import { explainOutcome, outcomeOf } from './index';

const pause = { supplementRequestedAt: '2025-03-11T09:00:00', supplementCompletedAt: '2025-03-14T09:00:00', supplementCount: 1 };

describe('explainOutcome', () => {
  test.each([
    ['early: the day before the due', { processedAt: '2025-03-13T10:00:00' }, 'early', 'dayBeforeDue', 'processed'],
    ['on time: on the due day', { processedAt: '2025-03-14T16:00:00' }, 'onTime', 'dueDay', 'processed'],
    ['late: 1 ms after the due', { processedAt: '2025-03-15T00:00:00.000' }, 'late', 'afterDue', 'processed'],
    ['a supplement pause moves the limit', { ...pause, processedAt: '2025-03-17T09:00:00' }, 'onTime', 'dueDay', 'processed'],
    [
      'two supplements: late although early',
      { ...pause, supplementCount: 2, processedAt: '2025-03-12T09:00:00' },
      'late',
      'supplements',
      'processed',
    ],
    [
      'waiting for a supplement ends at the request',
      { supplementRequestedAt: '2025-03-12T09:00:00', supplementCount: 1 },
      'early',
      'dayBeforeDue',
      'supplementOpen',
    ],
    ['NgayTra when there is no NgayKetThucXuLy', { returnedAt: '2025-03-17T09:00:00' }, 'late', 'afterDue', 'returned'],
    ['refused', { rejectedAt: '2025-03-11T09:00:00' }, 'early', 'dayBeforeDue', 'rejected'],
    ['withdrawn', { withdrawnAt: '2025-03-14T09:00:00' }, 'onTime', 'dueDay', 'withdrawn'],
  ])('%s', (_name, over, verdict, rule, source) => {
    const d = dossier(over);
    const e = explainOutcome(d, at('2030-01-01T00:00:00'));
    expect(e.verdict).toBe(verdict);
    expect(e.verdict).toBe(outcomeOf(d));
    expect(e.rule).toBe(rule);
    expect(e.end?.source).toBe(source);
  });

  test('the compared instant is E − S and the limit is D + S', () => {
    const e = explainOutcome(dossier({ ...pause, processedAt: '2025-03-17T09:00:00' }), new Date());
    expect(e.supplementMs).toBe(3 * 86_400_000);
    expect(e.compared).toEqual(at('2025-03-14T09:00:00'));
    expect(e.lateAfter).toEqual(new Date(at(D).getTime() + 3 * 86_400_000));
  });

  test('unfinished: judged at now, pending before D, pending late after it', () => {
    expect(explainOutcome(dossier(), at('2025-03-14T20:00:00'))).toMatchObject({
      verdict: 'pending',
      rule: 'pendingBeforeDue',
      end: null,
    });
    expect(explainOutcome(dossier(), at('2025-03-15T08:00:00'))).toMatchObject({ verdict: 'pendingLate', rule: 'afterDue' });
    expect(explainOutcome(dossier({ supplementCount: 2 }), at('2025-03-11T08:00:00'))).toMatchObject({
      verdict: 'pendingLate',
      rule: 'supplements',
      lateAfter: null,
    });
  });
});
