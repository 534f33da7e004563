// REGRESSION, fixed (was the flaky e2e/attack/review2-dialog-ask-again.spec.ts, about 1 run in 12 on
// Chromium 156): a "latest" page asked while PyPI answered 503 says couldn't check; the person
// presses Retry in the popup, which asks about the release the page's header shows and verifies
// it. The worker tells the page to ask again; the page asks for "latest", whose JSON URL is the
// one that answered 503 three times in a row, and Chromium refuses an extension's requests to
// such a URL for a while (its anti-DDoS throttling of extension requests): a network error in
// milliseconds. The page said couldn't check again, and so did the toolbar, beside a popup that
// had just said verified. Now a "latest" page whose latest version could not be learnt because
// the browser refused the request (FETCH_THROTTLED: rejected before any answer, at a URL that
// answered 5xx lately; server-errors.ts) asks for the header's release by name; not after a 5xx,
// a time-out, a reset connection or a refusal by the registry, and never for a header version
// outside the registry grammar.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../core/errors';
import type { PackageRef, PackageVerdict } from '../core/verdict';
import type { FetchOutcome, Fetcher } from '../registries/fetcher';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import { fakeFetcher } from '../registries/testing/fake-fetcher';
import { createTestSigstore, type TestSigstore } from '../testing/testca/index';
import { freshAnswers, PYPI_FRESH_MS } from './testing/fresh-registry';
import { OWNER, preparedWorld, sender, settle } from './testing/prepared-world';
import { pypiProjectRoutes } from './testing/testca-registry';

const TAB = 3;
const at = (path: string) => new URL(path, PYPI_ORIGIN).href;
const LATEST_JSON = at('/pypi/demo/json');
const latest: PackageRef = { registry: 'pypi', name: 'demo' };
const release: PackageRef = { registry: 'pypi', name: 'demo', version: '1.0' };
const brief = (reply: unknown) => {
  const r = reply as { ok: boolean; value?: PackageVerdict; code?: string };
  return r.ok && r.value ? `${r.value.status} ${r.value.pkg.version}` : `error ${String(r.code)}`;
};

let ts: TestSigstore;
beforeAll(async () => {
  ts = await createTestSigstore();
});

/** PyPI `demo` 1.0 with provenance; `latestFails` decides what a request for the project's JSON gets. */
function world() {
  const registry = fakeFetcher(pypiProjectRoutes(ts, 'demo', [{ version: '1.0', identity: OWNER }]));
  let latestFails: FetchOutcome | null = null;
  const asked: string[] = [];
  let tick = () => 0;
  const fetcher: Fetcher = freshAnswers(async (url, init) => {
    asked.push(url.href);
    tick(); // a request takes time: the retry's answer is saved after the retry began
    if (url.href === LATEST_JSON && latestFails !== null) return latestFails;
    if (url.pathname.startsWith('/pypi/demo/') && latestFails?.ok === false && latestFails.code === 'FETCH_HTTP_STATUS') return latestFails;
    return registry(url, init);
  }, PYPI_FRESH_MS);
  const reasks: Promise<unknown>[] = [];
  const w = preparedWorld(ts, fetcher, { tell: () => void reasks.push(ask()) });
  tick = () => w.advance(5);
  const page = sender(TAB, at('/project/demo/'));
  const ask = (shownVersion = '1.0') => w.router({ type: 'content/verdict', pkg: latest, files: ['demo-1.0.tar.gz'], shownVersion }, page);
  const fail = (code: ErrorCode, status?: number): FetchOutcome => ({ ok: false, code, message: code, ...(status === undefined ? {} : { status }) });
  /** The requests made since `from` (an index into `asked`), as paths. */
  const since = (from: number) => asked.slice(from).map((href) => new URL(href).pathname);
  return {
    ...w,
    asked,
    reasks,
    ask,
    /** PyPI's outage: every JSON of the project answers 503 (after fetch-limited's retries). */
    outage: () => (latestFails = fail('FETCH_HTTP_STATUS', 503)),
    /** The outage is over, but the browser refuses requests to the project JSON's URL for a while. */
    throttled: () => (latestFails = fail('FETCH_THROTTLED')),
    latestAnswers: (outcome: FetchOutcome | null) => (latestFails = outcome),
    fail,
    since,
    recorded: async () => {
      const entry = await w.tabs.get(TAB);
      return entry ? `${entry.verdict.status} ${entry.verdict.pkg.version}` : 'none';
    },
  };
}

describe('a "latest" page whose latest version could not be learnt', () => {
  it("the e2e's case: after the popup's Retry verified the header's release, the page's re-ask says verified too, as does the toolbar", async () => {
    const w = world();
    w.outage();
    expect(brief(await w.ask())).toBe('unavailable ');
    await settle();
    // The popup asks about the release the tab shows (its header's version) once the outage ends.
    const active = (await w.router({ type: 'page/active-verdict', tabId: TAB }, w.popup)) as { value: { pkg: PackageRef } };
    expect(active.value.pkg).toEqual(release);
    w.throttled();
    expect(brief(await w.router({ type: 'page/retry', pkg: release, tabId: TAB }, w.popup))).toBe('verified 1.0');
    expect(w.reasks).toHaveLength(1);
    expect(brief(await w.reasks[0])).toBe('verified 1.0');
    await settle();
    expect(await w.recorded()).toBe('verified 1.0');
  });

  it("refused by the browser: the header's release is asked for by name, once", async () => {
    const w = world();
    w.throttled();
    const from = w.asked.length;
    expect(brief(await w.ask())).toBe('verified 1.0');
    // The project's JSON again too: the continuity note lists earlier releases from it (refused as well).
    expect(w.since(from).filter((path) => path === '/pypi/demo/1.0/json')).toHaveLength(1);
  });

  it('a header naming a release the registry does not have gets that release\'s answer, never another\'s green', async () => {
    const w = world();
    await w.router({ type: 'content/verdict', pkg: release, files: ['demo-1.0.tar.gz'] }, sender(TAB + 1, at('/project/demo/1.0/')));
    await settle();
    w.throttled();
    const reply = await w.ask('1.1');
    expect(brief(reply)).toMatch(/^(unavailable|none|invalid) 1\.1$/);
  });

  it('a 5xx outage, a time-out, a network failure, a missing project, a refusal or a malformed answer: couldn\'t check, and no request for the release', async () => {
    const cases = [
      { code: 'FETCH_NETWORK' },
      { code: 'FETCH_HTTP_STATUS', status: 503 },
      { code: 'FETCH_RATE_LIMITED', status: 429 },
      { code: 'FETCH_TIMEOUT' },
      { code: 'FETCH_NOT_FOUND', status: 404 },
      { code: 'FETCH_FORBIDDEN', status: 403 },
      { code: 'PARSE_JSON', status: 200 },
    ] as const;
    for (const outcome of cases) {
      const w = world();
      w.latestAnswers(w.fail(outcome.code, 'status' in outcome ? outcome.status : undefined));
      const from = w.asked.length;
      const verdict = brief(await w.ask());
      expect({ code: outcome.code, verdict, asked: w.since(from).filter((path) => path.startsWith('/pypi/')) }).toEqual({
        code: outcome.code,
        verdict: 'unavailable ',
        asked: ['/pypi/demo/json'],
      });
    }
  });

  it('a header version outside the registry grammar is asked for by no request', async () => {
    const w = world();
    w.throttled();
    const from = w.asked.length;
    expect(brief(await w.ask('../1.0'))).toBe('unavailable ');
    expect(w.since(from).filter((path) => path.startsWith('/pypi/'))).toEqual(['/pypi/demo/json']);
  });
});
