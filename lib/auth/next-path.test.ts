import { describe, expect, test } from 'vitest';
import { safeNextPath } from './next-path';

describe('safeNextPath', () => {
  test.each([
    ['/', '/'],
    ['/units/608?ky=2026-10', '/units/608?ky=2026-10'],
    ['/overdue?unit=608&ky=2026-Q3#list', '/overdue?unit=608&ky=2026-Q3#list'],
    // Non-ASCII is percent-encoded (a raw one cannot stand in a Location header: it was a 500).
    ['/\u3002x', '/%E3%80%82x'],
    ['/dossiers/Hồ sơ', '/dossiers/H%E1%BB%93%20s%C6%A1'],
    ['/a/../b', '/b'],
  ])('keeps a path of this site: %j → %j', (next, want) => {
    expect(safeNextPath(next)).toBe(want);
  });

  test.each([
    ['//evil.example/phish'],
    ['/\\evil.example/phish'],
    ['/\t/evil.example/phish'],
    ['/\n/evil.example/phish'],
    ['/\r\n/evil.example'],
    ['/\t\t//evil.example'],
    ['https://evil.example/'],
    ['http:evil.example'],
    ['javascript:alert(1)'],
    ['evil.example'],
    [' /x'],
    [''],
    ['/\\\\evil.example'],
  ])('refuses %j', (next) => {
    expect(safeNextPath(next)).toBe('/');
  });

  test('a path that only looks encoded stays on the site', () => {
    // `/%09/evil.example` as a string is a path whose first segment is "%09": harmless once the parser keeps it encoded.
    expect(safeNextPath('/%09/evil.example/phish')).toBe('/%09/evil.example/phish');
    expect(safeNextPath('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
  });

  test('anything not a string falls back', () => {
    expect(safeNextPath(undefined)).toBe('/');
    expect(safeNextPath(['/x'])).toBe('/');
    expect(safeNextPath(null, '/cong-khai')).toBe('/cong-khai');
  });
});
