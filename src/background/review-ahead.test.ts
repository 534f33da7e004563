// Independent review of today's two changes, attacked through the real worker pieces (test CA,
// real verification): the continuity look-ahead (continuity-service.ts `anticipate`) and the
// popup retry (router.ts page/retry, tab-state.ts replaceVerdict, verdicts.ts fresh). Each test
// asserts the safe behaviour. Five failed when written and are fixed: a look-ahead repeated on
// every revisit of an invalid release, and sent for a name outside the registry grammar; a retry
// let go of running answers by the name's spelling, and of other versions' answers; and a retry of
// a "latest" page checked during an outage asked about whatever was latest by then, not the
// version the page showed (the tab now keeps the header's version).
import { beforeAll, describe, expect, it } from 'vitest';
import type { PackageRef, PackageVerdict } from '../core/verdict';
import type { FetchOutcome, Fetcher } from '../registries/fetcher';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import { fakeFetcher, type FakeRoute } from '../registries/testing/fake-fetcher';
import { createTestSigstore, githubIdentity, type TestSigstore } from '../testing/testca/index';
import { npmAt, preparedWorld, sender, settle, value } from './testing/prepared-world';
import { npmPackageRoutes, pypiProjectRoutes, type TestRelease } from './testing/testca-registry';

let ts: TestSigstore;
beforeAll(async () => {
  ts = await createTestSigstore();
});

const OWNER = githubIdentity('acme/demo');
const EVIL = githubIdentity('evil/demo');
const CHANGED: TestRelease[] = [{ version: '1.0', identity: OWNER }, { version: '1.1', identity: EVIL }, { version: '1.2', identity: EVIL }];
const OUTAGE: FetchOutcome = { ok: false, status: 503, code: 'FETCH_HTTP_STATUS', message: 'HTTP 503 after 3 attempts' };
const pypi = (version?: string, name = 'demo'): PackageRef => (version === undefined ? { registry: 'pypi', name } : { registry: 'pypi', name, version });
const at = (path: string) => new URL(path, PYPI_ORIGIN).href;
const brief = (v: PackageVerdict) => ({ status: v.status, version: v.pkg.version, note: v.continuity?.kind, previous: v.continuity?.previousVersion });

/**
 * A registry over test-CA routes (mutable: a test may swap one). PyPI redirects any spelling of a
 * name to its own (fetch-limited follows it): the path's name is lowercased here. `mode`: 'down'
 * answers 503 at once, 'held' answers 503 only when `failHeld()` is called; `gate` holds requests
 * whose path it matches until `open()`. `log`: every path asked, as asked.
 */
function registry(routes: Record<string, FakeRoute>) {
  const fake = fakeFetcher(routes);
  const log: string[] = [];
  const held: (() => void)[] = [];
  const gated: (() => void)[] = [];
  const s = { mode: 'up' as 'up' | 'down' | 'held', gate: (_path: string) => false };
  const fetcher: Fetcher = async (url, init) => {
    log.push(url.pathname);
    if (s.mode === 'down') return OUTAGE;
    if (s.mode === 'held') return new Promise<FetchOutcome>((r) => held.push(() => r(OUTAGE)));
    if (s.gate(url.pathname)) await new Promise<void>((r) => gated.push(r));
    return fake(new URL(url.href.replace(/^(https:\/\/pypi\.org\/(?:pypi|integrity)\/)([^/]+)/, (_m, a: string, n: string) => a + n.toLowerCase())), init);
  };
  const open = () => gated.splice(0).forEach((r) => r());
  const failHeld = () => held.splice(0).forEach((r) => r());
  return { fetcher, log, s, open, failHeld, routes };
}

describe('continuity look-ahead', () => {
  it('concurrent verdicts (two versions, another spelling, a retry, the latest page, the first release) each get their own note', async () => {
    const r = registry(pypiProjectRoutes(ts, 'demo', CHANGED));
    r.s.gate = (p) => p.startsWith('/integrity/'); // every verification waits: all look-aheads overlap
    const { verdicts } = preparedWorld(ts, r.fetcher);
    const asks = [
      verdicts.getVerdict(pypi('1.1')),
      verdicts.getVerdict(pypi('1.2', 'Demo')),
      verdicts.getVerdict(pypi('1.1', 'DEMO'), { fresh: true }),
      verdicts.getVerdict(pypi()),
      verdicts.getVerdict(pypi('1.0')),
    ];
    for (let i = 0; i < 5; i++) {
      await settle();
      r.open();
    }
    expect((await Promise.all(asks)).map(brief)).toEqual([
      { status: 'verified', version: '1.1', note: 'publisher-changed', previous: '1.0' },
      { status: 'verified', version: '1.2', note: undefined, previous: undefined },
      { status: 'verified', version: '1.1', note: 'publisher-changed', previous: '1.0' },
      { status: 'verified', version: '1.2', note: undefined, previous: undefined },
      { status: 'verified', version: '1.0', note: undefined, previous: undefined },
    ]);
  });

  it.each([
    ['the listing answers 500', '/pypi/demo/json', { status: 500 }],
    ['the listing is malformed', '/pypi/demo/json', { info: { name: 'demo' } }],
    ['the listing is another project', '/pypi/demo/json', { info: { name: 'other', version: '1.1' }, urls: [], releases: {} }],
    ['the earlier release provenance answers 500', '/integrity/demo/1.0/demo-1.0.tar.gz/provenance', { status: 500 }],
  ])('%s part-way: the verdict stands with no note, nothing is remembered, the next visit notes the change', async (_, path, broken) => {
    const r = registry(pypiProjectRoutes(ts, 'demo', CHANGED));
    const good = r.routes[at(path)];
    r.routes[at(path)] = broken;
    const { verdicts } = preparedWorld(ts, r.fetcher);
    expect(brief(await verdicts.getVerdict(pypi('1.1')))).toEqual({ status: 'verified', version: '1.1', note: undefined, previous: undefined });
    r.routes[at(path)] = good;
    expect(brief(await verdicts.getVerdict(pypi('1.1')))).toMatchObject({ note: 'publisher-changed', previous: '1.0' });
  });

  it("the release's own verdict unavailable or invalid while the look-ahead fails too: that verdict, no note, no stray rejection", async () => {
    const routes = pypiProjectRoutes(ts, 'demo', CHANGED);
    routes[at('/pypi/demo/json')] = { status: 500 };
    // 1.2's provenance document is 1.1's: signed for another file, so 1.2 is invalid.
    routes[at('/integrity/demo/1.2/demo-1.2.tar.gz/provenance')] = routes[at('/integrity/demo/1.1/demo-1.1.tar.gz/provenance')];
    routes[at('/pypi/demo/1.1/json')] = { status: 503 };
    const { verdicts } = preparedWorld(ts, registry(routes).fetcher);
    const [down, bad] = await Promise.all([verdicts.getVerdict(pypi('1.1')), verdicts.getVerdict(pypi('1.2'))]);
    expect([down, bad].map(brief)).toEqual([
      { status: 'unavailable', version: '1.1', note: undefined, previous: undefined },
      { status: 'invalid', version: '1.2', note: undefined, previous: undefined },
    ]);
    await settle();
  });

  // FINDING expected: anticipate looks ahead whenever no note is remembered, and an invalid
  // release never gets one (annotate returns before the memo), so each revisit of a cached red
  // npm version re-reads the packument (twice) and the earlier attestations, then throws them away.
  it('a warm revisit of an npm version whose verdict is invalid (cached) sends no request', async () => {
    const routes = npmPackageRoutes(ts, 'demo', [{ version: '1.0.0', identity: OWNER }, { version: '1.1.0', identity: OWNER }]);
    routes[npmAt('/-/npm/v1/attestations/demo@1.1.0')] = routes[npmAt('/-/npm/v1/attestations/demo@1.0.0')];
    const r = registry(routes);
    const { verdicts } = preparedWorld(ts, r.fetcher);
    const release: PackageRef = { registry: 'npm', name: 'demo', version: '1.1.0' };
    expect((await verdicts.getVerdict(release)).status).toBe('invalid');
    await settle();
    const before = r.log.length;
    expect((await verdicts.getVerdict(release)).status).toBe('invalid');
    await settle();
    expect(r.log.slice(before)).toEqual([]);
  });

  // FINDING expected (defence in depth): verifyPackage is "the grammar gate every request passes
  // first"; the look-ahead starts before it, from the name and version as given.
  it('an ask outside the registry grammar is refused before any request', async () => {
    const r = registry(pypiProjectRoutes(ts, 'demo', CHANGED));
    const { verdicts } = preparedWorld(ts, r.fetcher);
    await expect(verdicts.getVerdict(pypi('1.1 ; x'))).rejects.toThrow(RangeError);
    await settle();
    expect(r.log).toEqual([]);
  });
});

describe('popup retry', () => {
  // FINDING expected: the retry lets go of running answers by the key prefix `any|pypi:demo@`,
  // the popup's spelling; a tab on /project/Demo/1.0/ keys its answer `any|pypi:Demo@1.0`.
  // replaceVerdict still lands on that tab (sameRelease normalises), drops its pending request
  // and tells it to ask again; the re-ask joins the answer asked during the outage.
  it("a retry lets go of a running answer asked under another spelling; that tab's re-ask reads anew", async () => {
    const r = registry(pypiProjectRoutes(ts, 'demo', [{ version: '1.0', identity: OWNER }]));
    const w = preparedWorld(ts, r.fetcher);
    const ask = (tab: number, name: string) => w.router({ type: 'content/verdict', pkg: pypi('1.0', name) }, sender(tab, at(`/project/${name}/1.0/`)));
    r.s.mode = 'down';
    expect(value(await ask(1, 'demo')).status).toBe('unavailable');
    expect(value(await ask(2, 'Demo')).status).toBe('unavailable');
    r.s.mode = 'held';
    const again = ask(2, 'Demo'); // tab 2 asks again during the outage; its failure is slow
    await settle();
    r.s.mode = 'up';
    expect(value(await w.router({ type: 'page/retry', pkg: pypi('1.0'), tabId: 1 }, w.popup)).status).toBe('verified');
    expect(w.told).toContain(2);
    const reask = ask(2, 'Demo'); // what tab 2's page does when told
    await settle();
    r.failHeld();
    await again;
    expect(value(await reask).status).toBe('verified');
    await settle();
    expect((await w.tabs.get(2))?.verdict.status).toBe('verified');
  });

  // FINDING expected (extra request): the retry lets go of every running answer of the name, not
  // only the release it decides: an ask of 1.1 running beside a retry of 1.0 is no longer shared.
  it("a retry of 1.0 keeps 1.1's running answer shared: 1.1's release is read once", async () => {
    const r = registry(pypiProjectRoutes(ts, 'demo', CHANGED));
    r.s.gate = (p) => p === '/pypi/demo/1.1/json';
    const { verdicts } = preparedWorld(ts, r.fetcher);
    const first = verdicts.getVerdict(pypi('1.1'));
    await settle();
    expect((await verdicts.getVerdict(pypi('1.0'), { fresh: true })).status).toBe('verified');
    const second = verdicts.getVerdict(pypi('1.1')); // e.g. the same release on a search page
    await settle();
    r.open();
    expect((await Promise.all([first, second])).map((v) => v.status)).toEqual(['verified', 'verified']);
    expect(r.log.filter((p) => p === '/pypi/demo/1.1/json')).toHaveLength(1);
  });

  it("another tab on another version keeps its record and its own answer; the retried tab's page files still apply", async () => {
    const r = registry(pypiProjectRoutes(ts, 'demo', CHANGED));
    const w = preparedWorld(ts, r.fetcher);
    const ask = (tab: number, version: string, files: string[]) =>
      w.router({ type: 'content/verdict', pkg: pypi(version), files }, sender(tab, at(`/project/demo/${version}/`)));
    // Tab 1's page lists a wheel the API does not know yet: its verdict is couldn't-check.
    expect(value(await ask(1, '1.0', ['demo-1.0.tar.gz', 'demo-1.0-py3-none-any.whl'])).status).toBe('unavailable');
    expect(value(await ask(2, '1.1', ['demo-1.1.tar.gz'])).status).toBe('verified');
    r.s.gate = (p) => p === '/pypi/demo/1.1/json';
    const tab2 = ask(2, '1.1', ['demo-1.1.tar.gz']); // tab 2 reloads; its answer is on its way
    await settle();
    const reply = value(await w.router({ type: 'page/retry', pkg: pypi('1.0'), tabId: 1 }, w.popup));
    expect(brief(reply)).toMatchObject({ status: 'unavailable', version: '1.0' });
    expect(brief((await w.tabs.get(1))!.verdict)).toEqual(brief(reply));
    expect(w.told).toEqual([1]);
    r.open();
    expect(brief(value(await tab2))).toMatchObject({ status: 'verified', version: '1.1', note: 'publisher-changed' });
    await settle();
    expect(brief((await w.tabs.get(2))!.verdict)).toMatchObject({ status: 'verified', version: '1.1', note: 'publisher-changed' });
  });

  // FINDING expected: a "latest" page checked during an outage keeps no version (its record's
  // verdict names ''), though the page said which one it shows (shownVersion). A release uploaded
  // before the retry makes the retry of "latest" resolve to it: the popup and the toolbar record
  // show 1.1, judged against 1.0's page files (so "couldn't check: demo-1.0.tar.gz ...").
  it('a retry of a "latest" tab checked during an outage answers about the version the tab shows', async () => {
    const routes = pypiProjectRoutes(ts, 'demo', [{ version: '1.0', identity: OWNER }]);
    const r = registry(routes);
    const w = preparedWorld(ts, r.fetcher);
    const page = sender(7, at('/project/demo/'));
    r.s.mode = 'down';
    const first = await w.router({ type: 'content/verdict', pkg: pypi(), files: ['demo-1.0.tar.gz'], shownVersion: '1.0' }, page);
    expect(value(first).pkg.version).toBe('');
    await settle();
    Object.assign(routes, pypiProjectRoutes(ts, 'demo', [{ version: '1.0', identity: OWNER }, { version: '1.1', identity: OWNER }]));
    r.s.mode = 'up';
    const active = (await w.router({ type: 'page/active-verdict', tabId: 7 }, w.popup)) as { ok: true; value: { pkg: PackageRef } };
    const reply = value(await w.router({ type: 'page/retry', pkg: active.value.pkg, tabId: 7 }, w.popup));
    const record = (await w.tabs.get(7))!.verdict;
    expect({ reply: brief(reply), record: brief(record) }).toEqual({
      reply: { status: 'verified', version: '1.0', note: undefined, previous: undefined },
      record: { status: 'verified', version: '1.0', note: undefined, previous: undefined },
    });
  });
});
