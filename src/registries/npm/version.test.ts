import { describe, expect, it } from 'vitest';
import type { TrustContext } from '../../core/api';
import type { ArtifactVerdict, SignerIdentity } from '../../core/verdict';
import type { AdapterDeps, Verifiers } from '../adapter';
import { fakeFetcher, type FakeRoute } from '../testing/fake-fetcher';
import { attestationsUrl, versionUrl } from './api';
import { verifyNpmVersion } from './version';

const trust: TrustContext = { kind: 'trust-context', trustedRootDate: '2025-01-01' };
const integrity = `sha512-${'A'.repeat(86)}==`;
const identity: SignerIdentity = { forge: 'github', issuer: 'https://token.actions.githubusercontent.com', san: 'x', repository: 'o/r' };
const seen: unknown[] = [];
const verifiers: Verifiers = {
  verifyPypiProvenance: () => ({ status: 'none' }),
  verifyNpmAttestations: (doc, info) => {
    seen.push(info);
    return (doc as { verdict: ArtifactVerdict }).verdict;
  },
};
const deps = (routes: Record<string, FakeRoute>): AdapterDeps & { fetcher: ReturnType<typeof fakeFetcher> } => ({
  fetcher: fakeFetcher(routes),
  verifiers,
  trust,
  now: () => 7,
});
const versionDoc = (extra: Record<string, unknown> = {}) => ({
  name: '@scope/pkg',
  version: '1.2.3',
  dist: { integrity, tarball: 'https://registry.npmjs.org/@scope/pkg/-/pkg-1.2.3.tgz', ...extra },
});
const pkg = { registry: 'npm' as const, name: '@scope/pkg', version: '1.2.3' };
const V = 'https://registry.npmjs.org/@scope%2fpkg/1.2.3';
const A = 'https://registry.npmjs.org/-/npm/v1/attestations/@scope%2fpkg@1.2.3';

describe('npm registry URLs', () => {
  it('encode the scope slash as %2f and never leave the registry', () => {
    expect(versionUrl('@scope/pkg', '1.2.3').href).toBe(V);
    expect(versionUrl('sigstore').href).toBe('https://registry.npmjs.org/sigstore/latest');
    expect(attestationsUrl('@scope/pkg', '1.2.3').href).toBe(A);
    expect(() => versionUrl('..', '1.0.0')).toThrow(RangeError);
  });
});

describe('verifyNpmVersion', () => {
  it('is none without dist.attestations, and fetches nothing more', async () => {
    const d = deps({ [V]: versionDoc() });
    expect(await verifyNpmVersion(pkg, d)).toMatchObject({ status: 'none', files: [{ filename: 'pkg-1.2.3.tgz' }] });
    expect(d.fetcher.requests.map((r) => r.url)).toEqual([V]);
  });

  it('verifies the attestations with integrity and registry signatures', async () => {
    const signatures = [{ keyid: 'SHA256:k', sig: 'MEQ=' }];
    const d = deps({ [V]: versionDoc({ attestations: { url: 'https://evil.example/' }, signatures }), [A]: { verdict: { status: 'verified', identity, attestations: [] } } });
    const v = await verifyNpmVersion(pkg, d);
    expect(v).toMatchObject({ status: 'verified', pkg: { version: '1.2.3' }, files: [{ filename: 'pkg-1.2.3.tgz', sha256: integrity }] });
    expect(seen.at(-1)).toEqual({ name: '@scope/pkg', version: '1.2.3', integrity, registry: 'https://registry.npmjs.org', signatures });
    // The registry-supplied attestations URL is never fetched.
    expect(d.fetcher.requests.map((r) => r.url)).toEqual([V, A]);
  });

  it("is couldn't-check, not none, when the version lists attestations but the endpoint says 404", async () => {
    expect(await verifyNpmVersion(pkg, deps({ [V]: versionDoc({ attestations: {} }) }))).toMatchObject({
      status: 'unavailable',
      code: 'FETCH_NOT_FOUND',
    });
  });

  it('is unavailable on a server error, invalid when the core says so', async () => {
    const d1 = deps({ [V]: versionDoc({ attestations: {} }), [A]: { status: 503 } });
    expect(await verifyNpmVersion(pkg, d1)).toMatchObject({ status: 'unavailable', code: 'FETCH_HTTP_STATUS' });
    const bad = { verdict: { status: 'invalid', code: 'SIGNATURE_INVALID', message: 'x' } };
    expect(await verifyNpmVersion(pkg, deps({ [V]: versionDoc({ attestations: {} }), [A]: bad }))).toMatchObject({
      status: 'invalid',
      code: 'SIGNATURE_INVALID',
    });
  });

  it('refuses a document for another package or version, or a bad integrity', async () => {
    expect(await verifyNpmVersion(pkg, deps({ [V]: { ...versionDoc(), name: '@scope/other' } }))).toMatchObject({ code: 'PARSE_SHAPE' });
    expect(await verifyNpmVersion(pkg, deps({ [V]: { ...versionDoc(), version: '9.9.9' } }))).toMatchObject({ code: 'PARSE_SHAPE' });
    const badIntegrity = versionDoc({ attestations: {}, integrity: 'sha1-abc' });
    expect(await verifyNpmVersion(pkg, deps({ [V]: badIntegrity }))).toMatchObject({ status: 'unavailable', code: 'PARSE_SHAPE' });
  });

  it('falls back to <name>-<version>.tgz when the tarball URL is odd', async () => {
    const v = await verifyNpmVersion(pkg, deps({ [V]: versionDoc({ tarball: 'javascript:alert(1)//<x>.tgz' }) }));
    expect(v.files[0]?.filename).toBe('pkg-1.2.3.tgz');
  });
});
