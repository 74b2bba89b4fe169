import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, test } from 'vitest';
import { normaliseForwarded } from './forwarded';

const forged = (): IncomingHttpHeaders => ({
  host: 'tthc.example.gov.vn',
  'x-forwarded-for': '203.0.113.9, 198.51.100.1',
  'x-forwarded-host': 'evil.example',
  'x-forwarded-proto': 'https',
  'x-forwarded-port': '443',
});

describe('normaliseForwarded', () => {
  test('without a trusted proxy, what a client says is dropped and the socket is the client', () => {
    const headers = forged();
    normaliseForwarded(headers, '10.0.0.7', false);
    expect(headers).toEqual({ host: 'tthc.example.gov.vn', 'x-forwarded-for': '10.0.0.7' });
  });

  test('behind a trusted proxy, its headers stand and the client is the address it appended last', () => {
    const headers = forged();
    normaliseForwarded(headers, '10.0.0.1', true);
    expect(headers['x-forwarded-for']).toBe('198.51.100.1');
    expect(headers['x-forwarded-host']).toBe('evil.example');
    expect(headers['x-forwarded-proto']).toBe('https');
  });

  test('behind a trusted proxy that set nothing, the socket is the client', () => {
    const headers: IncomingHttpHeaders = { host: 'x' };
    normaliseForwarded(headers, '10.0.0.1', true);
    expect(headers['x-forwarded-for']).toBe('10.0.0.1');
  });
});
