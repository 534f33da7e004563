// A failed attestation's claim (issue 16.2) is shown, never trusted: it must not satisfy a pin,
// give continuity an identity, enter the seen-publishers history or reach a badge. Checked on the
// real supreme-goggles verdict (statement altered after signing) and through the verdict service.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { IdentityPin, TrustContext } from '../core/api';
import { createTrustContext, verifyNpmAttestations } from '../core/index';
import type { ArtifactVerdict, PackageVerdict } from '../core/verdict';
import { combineFileVerdicts } from '../registries/combine';
import { comparableIdentity } from '../registries/continuity';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import { fakeFetcher } from '../registries/testing/fake-fetcher';
import { npmVersionOf } from '../testing/fixture-cases';
import { describeRealData, readFixtureJson } from '../testing/fixtures';
import { currentIdentity, packageBadgeView } from '../ui/badge-text';
import { badgeFor } from './action-badge';
import { createVerdictCache } from './cache';
import { parseCachedVerdict } from './cache-entry';
import { applyPin } from './pin-check';
import { fakeStorage } from './testing/fake-storage';
import { createVerdictService } from './verdicts';

const TAMPERED = 'npm/@trishankatdatadog/supreme-goggles/supreme-goggles@1.0.5.attestations.tampered-provenance.json';
const GITHUB = 'https://token.actions.githubusercontent.com';
// Exactly the publisher the tampered attestation claims.
const PIN: IdentityPin = { issuer: GITHUB, repository: 'trishankatdatadog/supreme-goggles', workflowPath: '.github/workflows/npm-publish.yml' };
const CLAIMED = { repository: 'https://github.com/acme/widget', workflow: '.github/workflows/release.yml', ref: 'refs/tags/v1', issuer: GITHUB };

let failed: PackageVerdict;
describeRealData('a real failed verdict with a claim', () => {
  beforeAll(() => {
    const trust = createTrustContext({ trustedRoot: readFixtureJson('sigstore/trusted_root.json'), npmKeys: readFixtureJson('sigstore/npm-registry-keys.json') });
    const file = verifyNpmAttestations(readFixtureJson(TAMPERED), npmVersionOf(TAMPERED), trust);
    failed = combineFileVerdicts({ registry: 'npm', name: '@trishankatdatadog/supreme-goggles', version: '1.0.5' }, [{ filename: 'x.tgz', sha256: '', verdict: file }], 1);
  });

  it('carries the claim to the package verdict, still invalid', () => {
    expect(failed).toMatchObject({ status: 'invalid', code: 'TLOG_BODY', claimed: { workflow: PIN.workflowPath, issuer: GITHUB } });
  });

  it('still fails under a pin naming exactly what it claims: the claim satisfies nothing', () => {
    const pinned = applyPin(failed, PIN);
    expect(pinned.status).toBe('invalid');
    expect(pinned).toMatchObject({ code: 'TLOG_BODY' });
  });

  it('gives continuity no identity, and the badges no name', () => {
    expect(comparableIdentity(failed)).toBeUndefined();
    expect(currentIdentity(failed)).toBeUndefined();
    const view = packageBadgeView({ kind: 'verdict', pkg: failed.pkg, verdict: failed });
    const toolbar = badgeFor(failed);
    for (const text of [view.text, view.fullText, toolbar.text, toolbar.title]) {
      expect(text).not.toContain('npm-publish.yml');
      expect(text).not.toMatch(/verified ·|verified \(/i);
    }
  });
});

describe('the verdict service with a failed, claiming attestation', () => {
  const onPypi = (path: string) => new URL(path, PYPI_ORIGIN).href;
  const release = { info: { name: 'demo', version: '1.0' }, urls: [{ filename: 'demo-1.0.tar.gz', digests: { sha256: 'a'.repeat(64) } }] };
  const routes = {
    [onPypi('/pypi/demo/1.0/json')]: release,
    [onPypi('/integrity/demo/1.0/demo-1.0.tar.gz/provenance')]: { any: 'doc' },
  };
  const invalid: ArtifactVerdict = { status: 'invalid', code: 'SIGNATURE_INVALID', message: 'bad signature', claimed: CLAIMED };

  it('records no seen publisher, keeps the claim through stored cache entries, and a matching pin does not turn it green', async () => {
    const recordSeen = vi.fn(async () => undefined);
    const pin: IdentityPin = { issuer: GITHUB, repository: 'acme/widget', workflowPath: CLAIMED.workflow };
    const trust: TrustContext = { kind: 'trust-context', trustedRootDate: '2025-01-01' };
    const storage = fakeStorage();
    const verifyPypiProvenance = vi.fn(() => invalid);
    // A fresh cache over the same storage each time, as after a worker restart: the second
    // answer is read back from storage (parseCachedVerdict), not from memory.
    const service = () =>
      createVerdictService({
        fetcher: fakeFetcher(routes),
        verifiers: { verifyPypiProvenance, verifyNpmAttestations: () => ({ status: 'none' }) },
        trust: () => trust,
        cache: createVerdictCache(storage, { trustVersion: () => 't', now: () => 1 }),
        now: () => 1,
        pins: { get: async () => pin, recordSeen },
      });
    const pkg = { registry: 'pypi' as const, name: 'demo', version: '1.0' };
    for (let i = 0; i < 2; i++) {
      const verdict = await service().getVerdict(pkg);
      expect(verdict).toMatchObject({ status: 'invalid', code: 'SIGNATURE_INVALID', claimed: CLAIMED });
      expect(verdict).not.toHaveProperty('identity');
    }
    expect(verifyPypiProvenance).toHaveBeenCalledTimes(1);
    expect(recordSeen).not.toHaveBeenCalled();
  });

  it('drops a stored claim that breaks the caps, and keeps the failure', () => {
    const stored = JSON.parse(JSON.stringify({ ...invalid, claimed: { ...CLAIMED, ref: 'x'.repeat(100_000) } }));
    expect(parseCachedVerdict(stored)).toEqual({ status: 'invalid', code: 'SIGNATURE_INVALID', message: 'bad signature' });
    expect(parseCachedVerdict(JSON.parse(JSON.stringify(invalid)))).toEqual(invalid);
  });
});
