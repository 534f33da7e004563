// REGRESSION, fixed (was a FINDING at unit level, from investigating the rare "Couldn't check"
// after the popup's Retry in e2e/attack/review2-dialog-ask-again.spec.ts): page/retry answered the
// popup with the tab's record read back after replaceVerdict wrote the new verdict into it (router.ts: `same ?
// recorded.verdict : verdict`). A page answer still on its way, asked while the registry was down,
// holds the tab's newest loading token; when it lands between replaceVerdict's write and that
// read (the write awaits storage.session and the toolbar badge), it overwrites the record, and
// the popup was answered with that older "couldn't check" although the retry itself, read after
// the registry recovered, verified. Fixed twice over: the retry answers its own verdict (judged
// against the tab's page), and a retry's verdict drops the tab's page request still on its way
// (tab-state.ts), so the older answer no longer overwrites the record either.
import { beforeAll, describe, expect, it } from 'vitest';
import type { PackageRef, PackageVerdict } from '../core/verdict';
import type { FetchOutcome, Fetcher } from '../registries/fetcher';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import { fakeFetcher } from '../registries/testing/fake-fetcher';
import { createTestSigstore, type TestSigstore } from '../testing/testca/index';
import type { BadgeApi } from './action-badge';
import { fakeStorage } from './testing/fake-storage';
import { OWNER, preparedWorld, sender, settle } from './testing/prepared-world';
import { pypiProjectRoutes } from './testing/testca-registry';

const TAB = 7;
const at = (path: string) => new URL(path, PYPI_ORIGIN).href;
const pageAt = (path: string) => sender(TAB, at(path));

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
}

function deferred<T = void>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

type Status = { status: string; version: string } | { error: string };
const shown = (reply: unknown): Status => {
  const r = reply as { ok: boolean; value?: PackageVerdict; code?: string };
  return r.ok && r.value ? { status: r.value.status, version: r.value.pkg.version } : { error: String(r.code) };
};

let ts: TestSigstore;
beforeAll(async () => {
  ts = await createTestSigstore();
});

/**
 * The worker's page-facing pieces as worker.ts wires them, over a registry whose answers the test
 * decides per request: `down` (503, what fetch-limited returns after its retries), `held` (a
 * request sent while the registry was down whose failure arrives only when the test says), `up`.
 * The toolbar badge write of a verified verdict waits at `gate` once armed: the await inside
 * replaceVerdict's write (storage.session and the badge are browser round trips).
 */
function world() {
  const routes = pypiProjectRoutes(ts, 'demo', [{ version: '1.0', identity: OWNER }]);
  const registry = fakeFetcher(routes);
  let mode: 'down' | 'held' | 'up' = 'down';
  const held = deferred<FetchOutcome>();
  const outage: FetchOutcome = { ok: false, status: 503, code: 'FETCH_HTTP_STATUS', message: 'HTTP 503 after 3 attempts' };
  const fetcher: Fetcher = async (url, init) => {
    if (!url.pathname.startsWith('/pypi/demo/') || mode === 'up') return registry(url, init);
    return mode === 'down' ? outage : held.promise;
  };
  let gate: { armed: boolean; reached: Deferred<void>; open: Deferred<void> } | null = null;
  const badge: BadgeApi = {
    setBadgeText: async () => undefined,
    setBadgeBackgroundColor: async () => undefined,
    setTitle: async ({ title }) => {
      if (gate?.armed === true && title.includes('verified')) {
        gate.armed = false;
        gate.reached.resolve();
        await gate.open.promise;
      }
    },
  };
  let onTell: () => void = () => undefined;
  const { router, tabs, told, popup } = preparedWorld(ts, fetcher, { badge, session: fakeStorage(), tell: () => onTell() });
  return {
    router,
    tabs,
    told,
    popup,
    set mode(m: 'down' | 'held' | 'up') {
      mode = m;
    },
    /** What the tab's page does when told to ask again (worker/ask-again). */
    set onTell(listener: () => void) {
      onTell = listener;
    },
    /** The failure of the request sent while the registry was down finally arrives. */
    failHeld: () => held.resolve(outage),
    armGate() {
      gate = { armed: true, reached: deferred(), open: deferred() };
      return gate;
    },
  };
}

type World = ReturnType<typeof world>;

/**
 * The interleaving: the page's answer while the registry is down says couldn't check; the page
 * asks again (its badge's ↻ or the panel's Retry) and that request's failure is slow to come; the
 * registry recovers and the person presses Retry in the popup; while replaceVerdict has written
 * the new verdict and awaits the toolbar badge, the older page answer lands with the tab's newest
 * loading token. `shownVersion`: the version the page's answers name ('' for an unresolved latest).
 */
async function outageThenRetry(w: World, pkg: PackageRef, ask: () => Promise<unknown>, shownVersion: string): Promise<Status> {
  w.mode = 'down';
  expect(shown(await ask())).toEqual({ status: 'unavailable', version: shownVersion });
  await settle();
  w.mode = 'held';
  const pageAgain = ask();
  await settle();

  w.mode = 'up';
  const gate = w.armGate();
  const retry = w.router({ type: 'page/retry', pkg, tabId: TAB }, w.popup);
  await gate.reached.promise;
  w.failHeld();
  expect(shown(await pageAgain)).toEqual({ status: 'unavailable', version: shownVersion });
  await settle();
  gate.open.resolve();
  return shown(await retry);
}

describe('popup Retry after the registry recovered, while a page answer asked during the outage is on its way', () => {
  it('release page: the retry verified, and so say its reply to the popup and the tab\'s record (not the older page answer)', async () => {
    const w = world();
    const page = pageAt('/project/demo/1.0/');
    const pkg: PackageRef = { registry: 'pypi', name: 'demo', version: '1.0' };
    const ask = () => w.router({ type: 'content/verdict', pkg, files: ['demo-1.0.tar.gz'] }, page);

    const reply = await outageThenRetry(w, pkg, ask, '1.0');
    const record = (await w.tabs.get(TAB))?.verdict;
    // The retry read the registry after it recovered and verified: so must its reply to the popup,
    // and the tab's record (the toolbar button) with it.
    expect(reply).toEqual({ status: 'verified', version: '1.0' });
    expect(record && { status: record.status, version: record.pkg.version }).toEqual({ status: 'verified', version: '1.0' });
    expect(w.told).toEqual([TAB]);
  });

  it('"latest" page (the e2e\'s case): the retry\'s own verdict is answered, and the record keeps it', async () => {
    const w = world();
    const page = pageAt('/project/demo/');
    const latest: PackageRef = { registry: 'pypi', name: 'demo' };
    const ask = () => w.router({ type: 'content/verdict', pkg: latest, files: ['demo-1.0.tar.gz'], shownVersion: '1.0' }, page);

    expect(await outageThenRetry(w, latest, ask, '')).toEqual({ status: 'verified', version: '1.0' });
    const record = (await w.tabs.get(TAB))?.verdict;
    expect(record && { status: record.status, version: record.pkg.version }).toEqual({ status: 'verified', version: '1.0' });
  });

  // Sibling REGRESSION, fixed (same interleaving, the page's side): the retry dropped the prepared
  // answers of the name, but not an answer still running from before it. The page's re-ask, which the retry
  // itself triggers, joins that older answer (in-flight sharing, `any|` key) and so ends with the
  // outage's "couldn't check": page badges and the toolbar record say so, the popup said verified,
  // and nothing asked again. Now a retry lets go of the name's running answers (verdicts.ts).
  it("the page's re-ask after the retry does not join an answer started before it", async () => {
    const w = world();
    const page = pageAt('/project/demo/');
    const latest: PackageRef = { registry: 'pypi', name: 'demo' };
    const ask = () => w.router({ type: 'content/verdict', pkg: latest, files: ['demo-1.0.tar.gz'], shownVersion: '1.0' }, page);
    const reasks: Promise<unknown>[] = [];
    w.onTell = () => void reasks.push(ask());

    w.mode = 'down';
    expect(shown(await ask())).toEqual({ status: 'unavailable', version: '' });
    await settle();
    w.mode = 'held';
    const pageAgain = ask(); // asked during the outage; its failure is slow to come
    await settle();

    w.mode = 'up';
    expect(shown(await w.router({ type: 'page/retry', pkg: latest, tabId: TAB }, w.popup))).toEqual({ status: 'verified', version: '1.0' });
    await settle();
    w.failHeld();
    await pageAgain;
    expect(reasks).toHaveLength(1);
    const reask = shown(await reasks[0]);
    await settle();
    const record = (await w.tabs.get(TAB))?.verdict;
    expect({ reask, record: record && { status: record.status, version: record.pkg.version } }).toEqual({
      reask: { status: 'verified', version: '1.0' },
      record: { status: 'verified', version: '1.0' },
    });
  });
});
