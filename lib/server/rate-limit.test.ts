import { describe, expect, test } from 'vitest';
import { REFUSAL_AUDITS, SIGN_IN_FAILURES, hit, retryAfter, take } from './rate-limit';

describe('rate limits', () => {
  test('a lock holds for its own window, however many other keys come and go', () => {
    const now = 1_000_000_000;
    for (let i = 0; i < 5; i++) hit('sign-in:locked', SIGN_IN_FAILURES, now);
    expect(retryAfter('sign-in:locked', SIGN_IN_FAILURES, now)).toBe(15 * 60);
    // Over 50,000 short-window keys, then a sweep two minutes later: the 15-minute lock is not swept with them.
    for (let i = 0; i < 50_001; i++) hit(`audit-refusal:${i}`, REFUSAL_AUDITS, now);
    hit('audit-refusal:sweep', REFUSAL_AUDITS, now + 120_000);
    expect(retryAfter('sign-in:locked', SIGN_IN_FAILURES, now + 120_000)).toBe(13 * 60);
    expect(retryAfter('sign-in:locked', SIGN_IN_FAILURES, now + 15 * 60_000)).toBe(0);
  });

  test('asking creates nothing: a thousand unknown usernames do not fill the map', () => {
    for (let i = 0; i < 1_000; i++) expect(retryAfter(`sign-in:nobody-${i}`, SIGN_IN_FAILURES)).toBe(0);
  });

  test('take counts only what it allows', () => {
    const now = 2_000_000_000;
    const allowed = Array.from({ length: 40 }, () => take('audit-refusal:x', REFUSAL_AUDITS, now)).filter(Boolean).length;
    expect(allowed).toBe(30);
    expect(take('audit-refusal:x', REFUSAL_AUDITS, now + 60_000)).toBe(true);
  });
});
