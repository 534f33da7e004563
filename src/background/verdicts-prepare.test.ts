// Verdicts prepared as a page starts loading (content/prepare, tabs.onUpdated): the page's own ask
// takes the prepared answer once, within PREPARED_MS, without asking the registry again; after
// that window, after it was taken, or for a retry, the registry is asked anew as ever. Preparing
// twice for one visit asks once.
import { describe, expect, it } from 'vitest';
import type { TrustContext } from '../core/api';
import type { ArtifactVerdict, SignerIdentity } from '../core/verdict';
import type { Verifiers } from '../registries/adapter';
import { fakeFetcher } from '../registries/testing/fake-fetcher';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import { createVerdictCache } from './cache';
import { fakeStorage } from './testing/fake-storage';
import { createVerdictService, PREPARED_MS } from './verdicts';

const onPypi = (path: string) => new URL(path, PYPI_ORIGIN).href;
const trust: TrustContext = { kind: 'trust-context', trustedRootDate: '2025-01-01' };
const identity: SignerIdentity = { forge: 'github', issuer: 'https://token.actions.githubusercontent.com', san: 's', repository: 'o/r' };
const verified: ArtifactVerdict = { status: 'verified', identity, attestations: [] };
const verifiers: Verifiers = { verifyPypiProvenance: () => verified, verifyNpmAttestations: () => ({ status: 'none' }) };
const release = (version: string) => ({ info: { name: 'demo', version }, urls: [{ filename: `demo-${version}.tar.gz`, digests: { sha256: 'a'.repeat(64) } }] });
const latest = { registry: 'pypi' as const, name: 'demo' };

function setup() {
  const routes: Record<string, unknown> = {
    [onPypi('/pypi/demo/json')]: release('1.0'),
    [onPypi('/integrity/demo/1.0/demo-1.0.tar.gz/provenance')]: { any: 'doc' },
    [onPypi('/integrity/demo/2.0/demo-2.0.tar.gz/provenance')]: { any: 'doc' },
  };
  const fetcher = fakeFetcher(routes);
  let clock = 1_000;
  const now = () => clock;
  const cache = createVerdictCache(fakeStorage(), { trustVersion: () => 't', now });
  const svc = createVerdictService({ fetcher, verifiers, trust: () => trust, cache, now });
  const listings = () => fetcher.requests.filter((r) => r.url === onPypi('/pypi/demo/json')).length;
  return { svc, routes, listings, advance: (ms: number) => (clock += ms) };
}

describe('prepared verdicts', () => {
  it("the page's ask takes the prepared answer: one release document for prepare and ask", async () => {
    const { svc, listings } = setup();
    svc.prepare?.(latest);
    svc.prepare?.(latest); // the tab's URL changed, then its page said so too
    expect(await svc.getVerdict(latest)).toMatchObject({ status: 'verified', pkg: { version: '1.0' } });
    expect(listings()).toBe(1);
  });

  it('is taken once: the next visit asks the registry again and sees what changed', async () => {
    const { svc, routes, listings } = setup();
    svc.prepare?.(latest);
    await svc.getVerdict(latest);
    routes[onPypi('/pypi/demo/json')] = release('2.0');
    expect(await svc.getVerdict(latest)).toMatchObject({ pkg: { version: '2.0' } });
    expect(listings()).toBe(2);
  });

  it('is not taken after PREPARED_MS, nor by a retry (fresh)', async () => {
    const { svc, routes, listings, advance } = setup();
    svc.prepare?.(latest);
    await new Promise((r) => setTimeout(r, 0));
    routes[onPypi('/pypi/demo/json')] = release('2.0');
    advance(PREPARED_MS);
    expect(await svc.getVerdict(latest)).toMatchObject({ pkg: { version: '2.0' } });
    svc.prepare?.(latest);
    routes[onPypi('/pypi/demo/json')] = release('1.0');
    expect(await svc.getVerdict(latest, { fresh: true })).toMatchObject({ pkg: { version: '1.0' } });
    // The first prepare, the expired one's ask and the retry asked; the second prepare came after
    // the page had asked, so it asked nothing.
    expect(listings()).toBe(3);
  });

  it('is kept per package: another package asks for its own', async () => {
    const { svc, listings } = setup();
    svc.prepare?.({ registry: 'pypi', name: 'other' });
    expect(await svc.getVerdict(latest)).toMatchObject({ status: 'verified' });
    expect(listings()).toBe(1);
  });

  it('a prepare that arrives after the page asked asks nothing (the tab record was slow to read)', async () => {
    const { svc, listings, advance } = setup();
    await svc.getVerdict(latest);
    svc.prepare?.(latest);
    expect(listings()).toBe(1);
    // A later visit's prepare, past the window, starts anew.
    advance(PREPARED_MS);
    svc.prepare?.(latest);
    await svc.getVerdict(latest);
    expect(listings()).toBe(2);
  });
});
