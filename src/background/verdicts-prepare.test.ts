// Verdicts prepared while a tab's page loads (prepared-answers.ts): that tab's page takes the
// prepared answer once, within PREPARED_MS of the registry read, without asking the registry
// again. Nothing else takes it: another tab, an ask that names no tab, a retry, a reload (a new
// document prepares anew), an ask after the window. A prepare after the page asked asks nothing.
import { describe, expect, it } from 'vitest';
import type { TrustContext } from '../core/api';
import type { ArtifactVerdict, SignerIdentity } from '../core/verdict';
import type { Verifiers } from '../registries/adapter';
import { fakeFetcher } from '../registries/testing/fake-fetcher';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import { createVerdictCache } from './cache';
import { PREPARED_MS } from './prepared-answers';
import { fakeStorage } from './testing/fake-storage';
import { createVerdictService } from './verdicts';

const onPypi = (path: string) => new URL(path, PYPI_ORIGIN).href;
const trust: TrustContext = { kind: 'trust-context', trustedRootDate: '2025-01-01' };
const identity: SignerIdentity = { forge: 'github', issuer: 'https://token.actions.githubusercontent.com', san: 's', repository: 'o/r' };
const verified: ArtifactVerdict = { status: 'verified', identity, attestations: [] };
const verifiers: Verifiers = { verifyPypiProvenance: () => verified, verifyNpmAttestations: () => ({ status: 'none' }) };
const release = (version: string) => ({ info: { name: 'demo', version }, urls: [{ filename: `demo-${version}.tar.gz`, digests: { sha256: 'a'.repeat(64) } }] });
const latest = { registry: 'pypi' as const, name: 'demo' };
const TAB = 7;

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
  const moveTo = (version: string) => (routes[onPypi('/pypi/demo/json')] = release(version));
  return { svc, moveTo, listings, advance: (ms: number) => (clock += ms) };
}

describe('prepared verdicts', () => {
  it("the tab's page takes its prepared answer: one release document for the URL, the document and the ask", async () => {
    const { svc, listings } = setup();
    svc.prepare?.(latest, TAB, 'navigation');
    svc.prepare?.(latest, TAB, 'document');
    expect(await svc.getVerdict(latest, { tabId: TAB })).toMatchObject({ status: 'verified', pkg: { version: '1.0' } });
    expect(listings()).toBe(1);
  });

  it('is taken once: the next ask reads the registry again and sees what changed', async () => {
    const { svc, moveTo, listings } = setup();
    svc.prepare?.(latest, TAB, 'document');
    await svc.getVerdict(latest, { tabId: TAB });
    moveTo('2.0');
    expect(await svc.getVerdict(latest, { tabId: TAB })).toMatchObject({ pkg: { version: '2.0' } });
    expect(listings()).toBe(2);
  });

  it('is for its own tab only: another tab, or an ask naming no tab, reads the registry', async () => {
    const { svc, moveTo, listings } = setup();
    svc.prepare?.(latest, TAB, 'navigation');
    await new Promise((r) => setTimeout(r, 0));
    moveTo('2.0');
    expect(await svc.getVerdict(latest, { tabId: 9 })).toMatchObject({ pkg: { version: '2.0' } });
    expect(await svc.getVerdict(latest)).toMatchObject({ pkg: { version: '2.0' } });
    expect(listings()).toBe(3);
  });

  it('a reload (another document) prepares anew, though its tab prepared moments ago', async () => {
    const { svc, moveTo, listings } = setup();
    svc.prepare?.(latest, TAB, 'navigation');
    svc.prepare?.(latest, TAB, 'document');
    await new Promise((r) => setTimeout(r, 0));
    moveTo('2.0');
    svc.prepare?.(latest, TAB, 'document');
    expect(await svc.getVerdict(latest, { tabId: TAB })).toMatchObject({ pkg: { version: '2.0' } });
    expect(listings()).toBe(2);
  });

  it('is not taken after PREPARED_MS from its registry read, nor by a retry, which drops it', async () => {
    const { svc, moveTo, listings, advance } = setup();
    svc.prepare?.(latest, TAB, 'document');
    await new Promise((r) => setTimeout(r, 0));
    moveTo('2.0');
    advance(PREPARED_MS);
    expect(await svc.getVerdict(latest, { tabId: TAB })).toMatchObject({ pkg: { version: '2.0' } });
    svc.prepare?.(latest, 8, 'document');
    await new Promise((r) => setTimeout(r, 0));
    moveTo('1.0');
    expect(await svc.getVerdict({ ...latest, version: '1.0' }, { fresh: true })).toMatchObject({ pkg: { version: '1.0' } });
    // The retry dropped tab 8's answer: its page reads the registry.
    expect(await svc.getVerdict(latest, { tabId: 8 })).toMatchObject({ pkg: { version: '1.0' } });
    expect(listings()).toBe(4);
  });

  it("a navigation signal that arrives after the tab's page asked asks nothing", async () => {
    const { svc, listings } = setup();
    await svc.getVerdict(latest, { tabId: TAB });
    svc.prepare?.(latest, TAB, 'navigation');
    expect(listings()).toBe(1);
  });
});
