// What the router sends a search page: its results' verdicts abridged for their badges
// (abridged-verdict.ts), in its batches and in what a revisit is told as it loads; whole when its
// details panel asks (`details: true`), and whole to a package page's release history, which
// draws its rows' files. The verdict service's own answers are never changed.
import { describe, expect, it } from 'vitest';
import type { PackageRef, PackageVerdict } from '../core/verdict';
import { NPM_SITE_ORIGIN } from '../registries/npm/hosts';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import { restoreIdentities } from '../shared/identity-table';
import { parseMessage } from '../shared/message-parse';
import { VERDICTS } from '../ui/test-verdicts';
import { createPinStore } from './pins';
import { createReleaseBudget } from './release-verdicts';
import { createRouter } from './router';
import { createSearchMemory } from './search-memory';
import type { Sender } from './sender';
import { createSettingsStore } from './settings';
import { createTabState } from './tab-state';
import { fakeStorage } from './testing/fake-storage';
import { NO_BADGE } from './testing/fresh-registry';

const RUNTIME = 'our-extension-id';
const tab = (url: string): Sender => ({ id: RUNTIME, url, frameId: 0, tab: { id: 4, url } });
const SEARCH = tab(new URL('/search/?q=widgets', PYPI_ORIGIN).href);
const NPM_SEARCH = tab(new URL('/search?q=widgets', NPM_SITE_ORIGIN).href);
const PROJECT = tab(new URL('/project/widgets/', PYPI_ORIGIN).href);
const pypi = (name: string, version?: string): PackageRef => (version ? { registry: 'pypi', name, version } : { registry: 'pypi', name });

/** A verdict service answering `verdicts` by name, whole, as the real one does. */
function setup(verdicts: Record<string, PackageVerdict>) {
  const given: PackageVerdict[] = [];
  const answer = (pkg: PackageRef) => {
    const v = structuredClone(verdicts[pkg.name]!);
    given.push(v);
    return v;
  };
  const storage = fakeStorage();
  const router = createRouter({
    runtimeId: RUNTIME,
    extensionBase: `chrome-extension://${RUNTIME}/`,
    verdicts: { getVerdict: async (pkg) => answer(pkg), kept: async (pkg) => ({ verdict: answer(pkg), until: Date.now() + 60_000 }) },
    tabs: createTabState(NO_BADGE),
    settings: createSettingsStore(storage),
    cache: { clear: async () => 0 },
    pins: createPinStore(storage),
    releases: createReleaseBudget(),
    searches: createSearchMemory(),
  });
  return { router, given };
}

/** Each result's verdict, its identities put back where the reply's table took them from. */
function values(reply: { ok: boolean; value?: unknown; identities?: Record<string, unknown>[] }): PackageVerdict[] {
  if (!reply.ok) return [];
  if (reply.identities !== undefined) expect(restoreIdentities(reply.value, reply.identities)).toBe(true);
  return (reply.value as { ok: boolean; value: PackageVerdict }[]).map((r) => r.value);
}
const named = (name: string, v: PackageVerdict, version = '1.2.0'): PackageVerdict => ({ ...v, pkg: { registry: v.pkg.registry, name, version } });

describe('router: a search page is sent abridged verdicts, whole ones when its panel asks', () => {
  it("a search page's batch: verified, partial and none abridged, a failed one whole, in the order asked", async () => {
    const { router, given } = setup({ a: named('a', VERDICTS.verified), b: named('b', VERDICTS.partial), c: named('c', VERDICTS.none), d: named('d', VERDICTS.invalid) });
    const sent = values(await router({ type: 'content/search-verdicts', pkgs: ['a', 'b', 'c', 'd'].map((n) => pypi(n)) }, SEARCH));
    expect(sent.map((v) => [v.pkg.name, v.status, v.abridged, v.files.length])).toEqual([
      ['a', 'verified', true, 0],
      ['b', 'partial', true, 0],
      ['c', 'none', true, 0],
      ['d', 'invalid', undefined, VERDICTS.invalid.files.length],
    ]);
    expect(sent[0]).toMatchObject({ attestations: [], identity: VERDICTS.verified.identity });
    // What the service answered (and caches) is whole.
    expect(given.every((v) => v.abridged === undefined && v.files.length > 0)).toBe(true);
  });

  it('an npm search page too', async () => {
    const { router } = setup({ widgets: { ...VERDICTS.verified, pkg: { registry: 'npm', name: 'widgets', version: '1.0.0' } } });
    const [sent] = values(await router({ type: 'content/search-verdicts', pkgs: [{ registry: 'npm', name: 'widgets' }] }, NPM_SEARCH));
    expect(sent).toMatchObject({ status: 'verified', abridged: true, files: [] });
  });

  it('with details: the whole verdict, exactly as the service gave it', async () => {
    const { router, given } = setup({ a: named('a', VERDICTS.verified) });
    const [sent] = values(await router({ type: 'content/search-verdicts', pkgs: [pypi('a')], details: true }, SEARCH));
    expect(sent).toEqual(given[0]);
    expect(sent?.files.length).toBeGreaterThan(0);
  });

  it("a package page's release history gets its rows whole", async () => {
    const { router } = setup({ widgets: named('widgets', VERDICTS.verified, '1.0.0') });
    const [sent] = values(await router({ type: 'content/search-verdicts', pkgs: [pypi('widgets', '1.0.0')] }, PROJECT));
    expect(sent?.abridged).toBeUndefined();
    expect(sent?.files).toEqual(VERDICTS.verified.files);
  });

  it('a revisited search page is told its kept verdicts abridged', async () => {
    const { router } = setup({ a: named('a', VERDICTS.verified), d: named('d', VERDICTS.invalid) });
    await router({ type: 'content/search-verdicts', pkgs: [pypi('a'), pypi('d')] }, SEARCH);
    const told = await router({ type: 'content/prepare' }, SEARCH);
    if (told.ok && told.identities !== undefined) expect(restoreIdentities(told.value, told.identities)).toBe(true);
    const entries = (told.ok ? told.value : []) as { asked: PackageRef; verdict: PackageVerdict }[];
    expect(entries.map((e) => [e.asked.name, e.verdict.abridged, e.verdict.files.length])).toEqual([
      ['a', true, 0],
      ['d', undefined, VERDICTS.invalid.files.length],
    ]);
  });

  it('`details` is true or absent: anything else is a malformed message', () => {
    const base = { type: 'content/search-verdicts', pkgs: [pypi('a')] };
    expect(parseMessage({ ...base, details: true })).toEqual({ ok: true, message: { ...base, details: true } });
    expect(parseMessage(base)).toEqual({ ok: true, message: base });
    for (const details of [false, 'true', 1, {}]) expect(parseMessage({ ...base, details }), String(details)).toEqual({ ok: false, code: 'MSG_MALFORMED' });
  });
});
