import { describe, expect, it } from 'vitest';
import { freshForMs, MAX_FRESH_MS } from './http-freshness';

const NOW = Date.parse('2026-12-06T12:00:00Z');
const headers = (h: Record<string, string>) => new Headers(h);

describe('freshness by the registry\'s Cache-Control', () => {
  it("reads PyPI's JSON API answer (max-age=900, public) as 15 minutes less its age", () => {
    expect(freshForMs(headers({ 'cache-control': 'max-age=900, public' }), NOW)).toBe(900_000);
    expect(freshForMs(headers({ 'cache-control': 'max-age=900, public', age: '300' }), NOW)).toBe(600_000);
    expect(freshForMs(headers({ 'cache-control': 'public, max-age=300', date: new Date(NOW - 100_000).toUTCString() }), NOW)).toBe(200_000);
  });

  it('counts Age plus the time since Date (a copy from the browser cache keeps the Date the CDN sent it with)', () => {
    const h = headers({ 'cache-control': 'max-age=900', age: '10', date: new Date(NOW - 800_000).toUTCString() });
    expect(freshForMs(h, NOW)).toBe(90_000);
    // A Date in the future (a clock behind the server's) adds no freshness.
    expect(freshForMs(headers({ 'cache-control': 'max-age=60', date: new Date(NOW + 3_600_000).toUTCString() }), NOW)).toBe(60_000);
  });

  it('is not fresh when the answer says nothing, forbids reuse, or says it twice', () => {
    for (const cc of ['', 'public', 'no-store', 'no-cache', 'max-age=900, no-store', 'No-Cache, max-age=900', 'max-age=60, max-age=900']) {
      expect(freshForMs(headers(cc === '' ? {} : { 'cache-control': cc }), NOW), cc).toBe(0);
    }
  });

  it('is not fresh on malformed numbers, and never negative', () => {
    for (const cc of ['max-age=-1', 'max-age=1e3', 'max-age=abc', 'max-age=', 'max-age=99999999999']) {
      expect(freshForMs(headers({ 'cache-control': cc }), NOW), cc).toBe(0);
    }
    expect(freshForMs(headers({ 'cache-control': 'max-age=60', age: '600' }), NOW)).toBe(0);
    expect(freshForMs(headers({ 'cache-control': 'max-age=60', age: 'x' }), NOW)).toBe(60_000);
  });

  it('believes no registry beyond 15 minutes', () => {
    expect(freshForMs(headers({ 'cache-control': 'max-age=31536000, immutable' }), NOW)).toBe(MAX_FRESH_MS);
  });
});
