// The live-read cache's bounds and validators, without a database (tags made by hand).
import { beforeEach, describe, expect, test } from 'vitest';
import { MAX_BYTES, MAX_ENTRIES, clearLiveCache, liveBody, liveCacheStats, matchesETag, type LiveTag } from './live-cache';

const tag = (key: string): LiveTag => ({ key, etag: `W/"${key}"`, version: { epoch: '', n: 0n } });
const keep = (key: string, value: unknown = key) => liveBody(tag(key), async () => value);

beforeEach(() => clearLiveCache());

describe('bounds', () => {
  test('the least recently used answer goes first when the entries are full', async () => {
    for (let i = 0; i < MAX_ENTRIES; i++) await keep(`k${i}`);
    await keep('k0'); // used again: now the most recent
    await keep('new');
    expect(liveCacheStats().entries).toBe(MAX_ENTRIES);
    expect(await keep('k0', 'recomputed')).toBe('"k0"');
    expect(await keep('k1', 'recomputed')).toBe('"recomputed"');
  });

  test('the bytes are bounded too, and an answer too big for the room is served but not kept', async () => {
    const big = 'x'.repeat(MAX_BYTES / 16); // an eighth of the room, in two-byte characters
    for (let i = 0; i < 12; i++) await keep(`b${i}`, big);
    expect(liveCacheStats().bytes).toBeLessThanOrEqual(MAX_BYTES);
    expect(liveCacheStats().entries).toBe(7);
    const huge = 'y'.repeat(MAX_BYTES / 4);
    expect((await keep('huge', huge)).length).toBe(huge.length + 2);
    expect(await keep('huge', 'small')).toBe('"small"');
  });
});

test('concurrent misses of one key read once; a failure is not kept', async () => {
  let reads = 0;
  const slow = () => liveBody(tag('same'), async () => (reads++, await new Promise((r) => setTimeout(r, 10)), { reads }));
  expect(await Promise.all([slow(), slow(), slow()])).toEqual(Array(3).fill('{"reads":1}'));
  await expect(liveBody(tag('fails'), () => Promise.reject(new Error('down')))).rejects.toThrow('down');
  expect(await keep('fails', 'ok')).toBe('"ok"');
});

test.each([
  [null, false],
  ['W/"a"', true],
  ['"a"', true], // weak comparison
  ['W/"b", W/"a"', true],
  ['W/"b"', false],
  ['*', true],
])('If-None-Match %s names W/"a": %s', (header, expected) => {
  expect(matchesETag(header, 'W/"a"')).toBe(expected);
});
