// Review attacks on http-freshness.ts: hostile or odd registry headers must never stretch how long
// an answer counts as fresh (never beyond max-age less the answer's age, never beyond 15 minutes).
import { describe, expect, it } from 'vitest';
import { freshForMs, MAX_FRESH_MS } from './http-freshness';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const httpDate = (ms: number) => new Date(ms).toUTCString();

function headers(entries: [string, string][]): Headers {
  const h = new Headers();
  for (const [k, v] of entries) h.append(k, v);
  return h;
}

describe('review: hostile Cache-Control', () => {
  it('a huge max-age is capped at 15 minutes', () => {
    expect(freshForMs(headers([['cache-control', 'max-age=9999999999']]), NOW)).toBe(MAX_FRESH_MS);
    expect(freshForMs(headers([['cache-control', 'max-age=99999999999999999999']]), NOW)).toBe(0);
  });

  it('no-store or no-cache anywhere, in either order, in a second header line, or with an argument: not fresh', () => {
    for (const cc of ['max-age=600, no-store', 'no-store, max-age=600', 'max-age=600,NO-CACHE', 'max-age=600, no-cache="set-cookie"']) {
      expect(freshForMs(headers([['cache-control', cc]]), NOW), cc).toBe(0);
    }
    expect(freshForMs(headers([['cache-control', 'max-age=600'], ['cache-control', 'no-store']]), NOW)).toBe(0);
  });

  it('two max-age directives (in one line or two header lines) are not fresh, even when equal', () => {
    expect(freshForMs(headers([['cache-control', 'max-age=600, max-age=600']]), NOW)).toBe(0);
    expect(freshForMs(headers([['cache-control', 'max-age=600'], ['cache-control', 'max-age=900']]), NOW)).toBe(0);
  });

  it('s-maxage, stale-while-revalidate, stale-if-error and immutable give no freshness of their own', () => {
    for (const cc of ['s-maxage=900', 'public, s-maxage=900, max-age=0', 'max-age=0, stale-while-revalidate=86400', 'stale-if-error=86400', 'immutable', 'max-age=60, stale-while-revalidate=86400, stale-if-error=86400, immutable']) {
      expect(freshForMs(headers([['cache-control', cc]]), NOW), cc).toBeLessThanOrEqual(60_000);
    }
    expect(freshForMs(headers([['cache-control', 's-maxage=900']]), NOW)).toBe(0);
  });

  it('malformed max-age values are not fresh', () => {
    for (const cc of ['max-age=-1', 'max-age=1e3', 'max-age=0x100', 'max-age=600s', 'max-age=', 'max-age', 'max-age=600; no-store', 'max-age=Infinity', 'max-age=60.5']) {
      expect(freshForMs(headers([['cache-control', cc]]), NOW), cc).toBe(0);
    }
  });

  it('Expires or Pragma alone give no freshness', () => {
    expect(freshForMs(headers([['expires', httpDate(NOW + 3_600_000)]]), NOW)).toBe(0);
    expect(freshForMs(headers([['cache-control', 'max-age=600'], ['pragma', 'no-cache']]), NOW)).toBeLessThanOrEqual(600_000);
  });
});

describe('review: hostile Age and Date', () => {
  it('a Date in the future does not add to max-age', () => {
    const h = headers([['cache-control', 'max-age=300'], ['date', httpDate(NOW + 24 * 3_600_000)]]);
    expect(freshForMs(h, NOW)).toBe(300_000);
  });

  it('a Date in the past beyond max-age is stale whatever Age says', () => {
    const h = headers([['cache-control', 'max-age=900'], ['age', '0'], ['date', httpDate(NOW - 901_000)]]);
    expect(freshForMs(h, NOW)).toBe(0);
  });

  it('Age and the time since Date both count, added (a second review: the larger of the two under-aged a cached copy)', () => {
    expect(freshForMs(headers([['cache-control', 'max-age=900'], ['age', '800'], ['date', httpDate(NOW)]]), NOW)).toBe(100_000);
    expect(freshForMs(headers([['cache-control', 'max-age=900'], ['age', '10'], ['date', httpDate(NOW - 800_000)]]), NOW)).toBe(90_000);
  });

  it('a negative, fractional or garbage Age cannot undo the age a Date shows', () => {
    for (const age of ['-800', '8e2', 'abc', '800.5', '']) {
      const h = headers([['cache-control', 'max-age=900'], ['age', age], ['date', httpDate(NOW - 800_000)]]);
      expect(freshForMs(h, NOW), `Age: ${age}`).toBe(100_000);
    }
  });

  it('an Age of more than ten digits is not read as 0 (an answer that old is stale)', () => {
    // 99999999999 seconds is ~3000 years: the answer is as stale as can be; it must not count as brand new.
    const h = headers([['cache-control', 'max-age=900'], ['age', '99999999999']]);
    expect(freshForMs(h, NOW)).toBe(0);
  });

  it('a repeated Age header (a CDN hop adding its own) is not read as age 0 (RFC 9111 5.1: use the first member)', () => {
    // A list-valued Age reaches Headers.get as "800, 800". RFC 9111 5.1: use the first member
    // (800 s old: 100 s left). The module's own rule: "anything odd means not fresh" (0 left).
    // Either way the answer must not count as 900 s fresh.
    const h = headers([['cache-control', 'max-age=900'], ['age', '800'], ['age', '800']]);
    expect(freshForMs(h, NOW)).toBeLessThanOrEqual(100_000);
  });
});
