// One verdict's answers: a document asked for twice within it costs one request (also while the
// first is on its way); a failure, another Accept or size limit, or a signalled request is asked
// again.
import { describe, expect, it } from 'vitest';
import type { FetchInit, FetchOutcome, Fetcher } from '../registries/fetcher';
import { shareAnswers } from './shared-answers';

const json: FetchInit = { accept: 'application/json', maxBytes: 1_000 };
const URL_A = new URL('https://pypi.org/pypi/demo/json');

function counting(answers: FetchOutcome[] = []) {
  let sent = 0;
  const inner: Fetcher = async () => answers[sent++] ?? { ok: true, status: 200, json: { n: sent } };
  return { inner, sent: () => sent };
}

describe('shared answers', () => {
  it('shares a good answer, in flight or arrived', async () => {
    const { inner, sent } = counting();
    const fetcher = shareAnswers(inner);
    const [a, b] = await Promise.all([fetcher(URL_A, json), fetcher(URL_A, json)]);
    expect(a).toBe(b);
    expect(await fetcher(URL_A, json)).toBe(a);
    expect(sent()).toBe(1);
    // Another verdict has its own: it asks the registry again.
    expect(await shareAnswers(inner)(URL_A, json)).toEqual({ ok: true, status: 200, json: { n: 2 } });
  });

  it('never shares a failure', async () => {
    const { inner, sent } = counting([{ ok: false, code: 'FETCH_TIMEOUT', message: 'slow' }]);
    const fetcher = shareAnswers(inner);
    expect(await fetcher(URL_A, json)).toMatchObject({ ok: false });
    expect(await fetcher(URL_A, json)).toMatchObject({ ok: true });
    expect(sent()).toBe(2);
  });

  it('keeps another Accept, size limit or URL apart, and passes signalled requests through', async () => {
    const { inner, sent } = counting();
    const fetcher = shareAnswers(inner);
    await fetcher(URL_A, json);
    await fetcher(URL_A, { ...json, accept: 'application/vnd.pypi.integrity.v1+json' });
    await fetcher(URL_A, { ...json, maxBytes: 5 });
    await fetcher(new URL('https://pypi.org/pypi/other/json'), json);
    await fetcher(URL_A, { ...json, signal: new AbortController().signal });
    expect(sent()).toBe(5);
  });
});
