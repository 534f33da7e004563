// What the verdict cache reads back keeps the parts of a verdict people see (issue 13):
// the registry-signed note of a lone npm publish attestation, and a builder identity.
import { describe, expect, it } from 'vitest';
import { parseCachedVerdict } from './cache-entry';

const log = { logIndex: '20783673', integratedTime: '2023-05-16T17:33:01.000Z', searchUrl: 'https://search.sigstore.dev/?logIndex=20783673' };
const builder = {
  uri: 'https://github.com/slsa-framework/slsa-github-generator/.github/workflows/builder_nodejs_slsa3.yml@refs/tags/v2.0.0',
  repository: 'slsa-framework/slsa-github-generator',
  workflowPath: '.github/workflows/builder_nodejs_slsa3.yml',
  ref: 'refs/tags/v2.0.0',
};
const identity = { forge: 'github', issuer: 'https://token.actions.githubusercontent.com', san: builder.uri, repository: 'o/r', builder };

describe('parseCachedVerdict', () => {
  it('keeps the registry-signed note of a none verdict', () => {
    const none = { status: 'none', registrySigned: { keyId: 'SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA', log } };
    expect(parseCachedVerdict(none)).toEqual(none);
    expect(parseCachedVerdict({ status: 'none' })).toEqual({ status: 'none' });
  });

  it('drops a none verdict whose note is malformed', () => {
    expect(parseCachedVerdict({ status: 'none', registrySigned: { keyId: 7, log } })).toBeNull();
    expect(parseCachedVerdict({ status: 'none', registrySigned: { keyId: 'k', log: { ...log, logIndex: '-1' } } })).toBeNull();
  });

  it('keeps a verified identity with its builder, and drops a malformed builder', () => {
    const verified = { status: 'verified', attestations: [{ kind: 'slsa-provenance', predicateType: 'https://slsa.dev/provenance/v1', signer: identity, log }], identity };
    expect(parseCachedVerdict(verified)).toEqual(verified);
    const bad = { ...verified, identity: { ...identity, builder: { repository: 'x' } } };
    expect(parseCachedVerdict(bad)).toBeNull();
  });
});
