import { describe, expect, test } from 'vitest';
import { decodeSegment, isMalformedPath } from './url';

describe('decodeSegment', () => {
  test.each([
    ['608', '608'],
    ['H%E1%BB%93%20s%C6%A1', 'Hồ sơ'],
    ['%2525', '%25'],
  ])('%j → %j', (raw, want) => {
    expect(decodeSegment(raw)).toBe(want);
  });
  test.each([['%FF'], ['%C3%28'], ['%'], ['%E3%80']])('%j is malformed', (raw) => {
    expect(decodeSegment(raw)).toBeNull();
    expect(isMalformedPath(`/units/${raw}`)).toBe(true);
  });
});
