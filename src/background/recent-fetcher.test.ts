// Recent answers: a document asked for twice within ttlMs costs one request (also while the first
// is still on its way); after ttlMs, after a failure, for another Accept or size limit, or for a
// request with a signal (a release timeline), the registry is asked again.
import { describe, expect, it } from 'vitest';
import type { FetchInit, FetchOutcome, Fetcher } from '../registries/fetcher';
import { createRecentFetcher } from './recent-fetcher';

const json: FetchInit = { accept: 'application/json', maxBytes: 1_000 };
const URL_A = new URL('https://pypi.org/pypi/demo/json');

function counting(answers: FetchOutcome[] = []) {
  let sent = 0;
  const inner: Fetcher = async () => answers[sent++] ?? { ok: true, status: 200, json: { n: sent } };
  return { inner, sent: () => sent };
}

describe('recent fetcher', () => {
  it('shares a good answer within ttlMs, in flight or arrived, and asks again after it', async () => {
    let clock = 0;
    const { inner, sent } = counting();
    const fetcher = createRecentFetcher(inner, { ttlMs: 100, max: 4, now: () => clock });
    const [a, b] = await Promise.all([fetcher(URL_A, json), fetcher(URL_A, json)]);
    expect(a).toBe(b);
    clock = 99;
    expect(await fetcher(URL_A, json)).toBe(a);
    expect(sent()).toBe(1);
    clock = 100;
    expect(await fetcher(URL_A, json)).toEqual({ ok: true, status: 200, json: { n: 2 } });
    expect(sent()).toBe(2);
  });

  it('never shares a failure', async () => {
    const { inner, sent } = counting([{ ok: false, code: 'FETCH_TIMEOUT', message: 'slow' }]);
    const fetcher = createRecentFetcher(inner, { ttlMs: 1_000, max: 4 });
    expect(await fetcher(URL_A, json)).toMatchObject({ ok: false });
    expect(await fetcher(URL_A, json)).toMatchObject({ ok: true });
    expect(sent()).toBe(2);
  });

  it('keeps another Accept, size limit or URL apart, passes signalled requests through, and holds at most `max`', async () => {
    const { inner, sent } = counting();
    const fetcher = createRecentFetcher(inner, { ttlMs: 1_000, max: 2 });
    await fetcher(URL_A, json);
    await fetcher(URL_A, { ...json, accept: 'application/vnd.pypi.integrity.v1+json' });
    await fetcher(URL_A, { ...json, maxBytes: 5 });
    await fetcher(URL_A, { ...json, signal: new AbortController().signal });
    expect(sent()).toBe(4);
    // Only the last two kept: the first was pushed out.
    await fetcher(URL_A, { ...json, maxBytes: 5 });
    expect(sent()).toBe(4);
    await fetcher(URL_A, json);
    expect(sent()).toBe(5);
  });
});
