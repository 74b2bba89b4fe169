import { describe, expect, test } from 'vitest';
import { isSameOrigin, siteOrigin } from './client';

const h = (headers: Record<string, string>) => new Headers(headers);

describe('siteOrigin and isSameOrigin', () => {
  test('the site is the Host of the request, normalised as a browser writes its Origin', () => {
    expect(siteOrigin(h({ host: 'TTHC.example.gov.vn:443', 'x-forwarded-proto': 'https' }), 'http://internal/x')).toBe(
      'https://tthc.example.gov.vn',
    );
    expect(siteOrigin(h({ host: 'localhost:3000' }), 'http://localhost:3000/api')).toBe('http://localhost:3000');
    // A chain of proxies: the first value is the client-facing one.
    expect(
      siteOrigin(
        h({ host: 'x', 'x-forwarded-host': 'tthc.example.gov.vn, internal', 'x-forwarded-proto': 'https, http' }),
        'http://x/',
      ),
    ).toBe('https://tthc.example.gov.vn');
  });

  test.each([
    [{ host: 'localhost:3000', origin: 'http://localhost:3000' }, true],
    [{ host: 'localhost:3000', referer: 'http://localhost:3000/admin/import' }, true],
    [{ host: 'localhost:3000', origin: 'http://evil.example' }, false],
    [{ host: 'localhost:3000', origin: 'http://localhost:3000.evil.example' }, false],
    [{ host: 'localhost:3000', origin: 'null' }, false],
    [{ host: 'localhost:3000', referer: 'http://evil.example/form' }, false],
    [{ host: 'localhost:3000' }, false],
    [{ host: 'localhost:3000', origin: 'not a url' }, false],
    [{ host: 'localhost:3000', origin: 'https://localhost:3000' }, false],
  ])('%j → %s', (headers, same) => {
    expect(isSameOrigin(h(headers), 'http://localhost:3000/api/v1/dossiers')).toBe(same);
  });
});
