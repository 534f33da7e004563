// A revisit within the registry's own freshness is answered from the cache, unless the page lists
// a file that answer never saw: then the registry is asked once more, past the browser's cache.
import { describe, expect, it } from 'vitest';
import type { TrustContext } from '../core/api';
import type { ArtifactVerdict } from '../core/verdict';
import type { Verifiers } from '../registries/adapter';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import { fakeFetcher } from '../registries/testing/fake-fetcher';
import { createVerdictCache } from './cache';
import { createPinStore } from './pins';
import { createRouter } from './router';
import type { Sender } from './sender';
import { createSettingsStore } from './settings';
import { createTabState } from './tab-state';
import { fakeStorage } from './testing/fake-storage';
import { createVerdictService } from './verdicts';
import { freshAnswers, NO_BADGE } from './testing/fresh-registry';

const RUNTIME = 'our-extension-id';
const page: Sender = { id: RUNTIME, url: new URL('/project/demo/1.0/', PYPI_ORIGIN).href, frameId: 0, tab: { id: 3 } };
const pkg = { registry: 'pypi' as const, name: 'demo', version: '1.0' };
const on = (path: string) => new URL(path, PYPI_ORIGIN).href;
const SDIST = { filename: 'demo-1.0.tar.gz', digests: { sha256: 'a'.repeat(64) } };
const WHEEL = { filename: 'demo-1.0-py3-none-any.whl', digests: { sha256: 'b'.repeat(64) } };
const release = (urls: object[]) => ({
  [on('/pypi/demo/1.0/json')]: { info: { name: 'demo', version: '1.0' }, urls },
  [on('/integrity/demo/1.0/demo-1.0.tar.gz/provenance')]: { any: 'doc' },
});
const verified: ArtifactVerdict = { status: 'verified', identity: { forge: 'github', issuer: 'https://token.actions.githubusercontent.com', san: 's', repository: 'o/r' }, attestations: [] };
const verifiers: Verifiers = { verifyPypiProvenance: () => verified, verifyNpmAttestations: () => ({ status: 'none' }) };
const trust: TrustContext = { kind: 'trust-context', trustedRootDate: '2025-01-01' };

function world() {
  let routes: Record<string, unknown> = release([SDIST]);
  const sent: { url: string; revalidate: boolean }[] = [];
  // The registry as PyPI's JSON API answers (its routes replaced by `upload`).
  const fetcher = freshAnswers(async (url, init) => {
    sent.push({ url: url.href, revalidate: init.revalidate === true });
    return fakeFetcher(routes)(url, init);
  });
  let clock = 10_000;
  const now = () => clock;
  const storage = fakeStorage();
  const verdicts = createVerdictService({ fetcher, verifiers, trust: () => trust, cache: createVerdictCache(storage, { trustVersion: () => 't', now }), now });
  const router = createRouter({
    runtimeId: RUNTIME,
    extensionBase: 'chrome-extension://our-extension-id/',
    verdicts,
    tabs: createTabState(NO_BADGE),
    settings: createSettingsStore(storage),
    cache: { clear: async () => 0 },
    pins: createPinStore(storage),
  });
  const visit = async (files: string[]) => {
    const reply = await router({ type: 'content/verdict', pkg, files }, page);
    await new Promise((resolve) => setTimeout(resolve, 0)); // the cache write follows the answer
    return reply;
  };
  return { sent, visit, upload: () => (routes = release([SDIST, WHEEL])), advance: (ms: number) => (clock += ms) };
}

describe('router: the registry\'s freshness and the files on the page', () => {
  it('a revisit listing the same files asks nothing while the documents are fresh', async () => {
    const w = world();
    expect(await w.visit([SDIST.filename])).toMatchObject({ ok: true, value: { status: 'verified' } });
    const before = w.sent.length;
    w.advance(60_000);
    expect(await w.visit([SDIST.filename])).toMatchObject({ ok: true, value: { status: 'verified' } });
    expect(w.sent.length).toBe(before);
  });

  it('a page listing a wheel uploaded since: asked again past the cache, and judged with the wheel', async () => {
    const w = world();
    await w.visit([SDIST.filename]);
    const before = w.sent.length;
    w.upload(); // the new wheel has no provenance
    w.advance(60_000);
    const reply = await w.visit([SDIST.filename, WHEEL.filename]);
    expect(reply).toMatchObject({ ok: true, value: { status: 'partial', verifiedCount: 1, totalCount: 2 } });
    expect(w.sent.slice(before)).toEqual([
      { url: on('/pypi/demo/1.0/json'), revalidate: true },
      { url: on('/integrity/demo/1.0/demo-1.0-py3-none-any.whl/provenance'), revalidate: true },
    ]);
  });

  it('a file the registry still does not list stays couldn\'t-check, after one more ask', async () => {
    const w = world();
    await w.visit([SDIST.filename]);
    const before = w.sent.length;
    const reply = await w.visit([SDIST.filename, WHEEL.filename]);
    expect(reply).toMatchObject({ ok: true, value: { status: 'unavailable', code: 'FETCH_UNLISTED' } });
    expect(w.sent.slice(before)).toEqual([{ url: on('/pypi/demo/1.0/json'), revalidate: true }]);
  });
});
