// What the CLI prints for verdicts, checked on verdict objects so it does not wait for the core:
// above all, a lone npm publish attestation (registry-signed, no build provenance) reads as
// `none`, names the registry key, and is not a pass (issue 13.3).
import { describe, expect, it } from 'vitest';
import type { ArtifactVerdict } from '../core/index';
import { EXIT_NOT_VERIFIED, EXIT_VERIFIED } from './cli-error';
import { verdictExitCode, verdictJson, verdictLine } from './output';

const KEY_ID = 'SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA';
const LOG = {
  logIndex: '18300940',
  integratedTime: '2023-04-18T17:45:16.000Z',
  searchUrl: 'https://search.sigstore.dev/?logIndex=18300940',
};
const REGISTRY_SIGNED: ArtifactVerdict = { status: 'none', registrySigned: { keyId: KEY_ID, log: LOG } };

describe('CLI output of a registry-signed-only verdict', () => {
  it('prints none, the key id and "no build provenance" on one human line', () => {
    expect(verdictLine(REGISTRY_SIGNED)).toBe(
      `none · registry-signed only (npm's registry key ${KEY_ID} signed this upload; no build provenance)`,
    );
  });

  it('prints status none with the registrySigned note in --json, and no code', () => {
    const json = verdictJson(REGISTRY_SIGNED);
    expect(json).toMatchObject({ status: 'none', code: null, registrySigned: { keyId: KEY_ID, log: LOG } });
    expect(JSON.parse(JSON.stringify(json))).toMatchObject({ status: 'none', registrySigned: { keyId: KEY_ID, log: { logIndex: '18300940' } } });
    expect(json).not.toHaveProperty('identity');
  });

  it('is not verified: exit 1, like a plain none', () => {
    expect(verdictExitCode(REGISTRY_SIGNED)).toBe(EXIT_NOT_VERIFIED);
    expect(verdictExitCode({ status: 'none' })).toBe(EXIT_NOT_VERIFIED);
    expect(verdictExitCode({ status: 'verified', attestations: [] })).toBe(EXIT_VERIFIED);
  });

  it('keeps the plain none wording and JSON when nothing was registry-signed', () => {
    expect(verdictLine({ status: 'none' })).toBe('none: no attestation in the input');
    const json = verdictJson({ status: 'none' });
    expect(json).toEqual({ status: 'none', code: null, message: 'no attestation in the input' });
  });
});

describe('CLI output of a build by another workflow', () => {
  const builder = {
    uri: 'https://github.com/slsa-framework/slsa-github-generator/.github/workflows/builder_nodejs_slsa3.yml@refs/tags/v2.0.0',
    repository: 'slsa-framework/slsa-github-generator',
    workflowPath: '.github/workflows/builder_nodejs_slsa3.yml',
    ref: 'refs/tags/v2.0.0',
  };
  const identity = {
    forge: 'github' as const,
    issuer: 'https://token.actions.githubusercontent.com',
    san: builder.uri,
    repository: 'octo/widgets',
    workflowPath: '.github/workflows/release.yml',
    ref: 'refs/tags/v1.0.0',
    builder,
  };
  const log = { logIndex: '1', integratedTime: '', searchUrl: 'https://search.sigstore.dev/?logIndex=1' };

  it('names the source repository with its workflow and the builder with its ref', () => {
    const line = verdictLine({ status: 'verified', identity, attestations: [{ kind: 'slsa-provenance', predicateType: 'https://slsa.dev/provenance/v1', signer: identity, log }] });
    expect(line).toBe(
      'verified · octo/widgets · .github/workflows/release.yml@refs/tags/v1.0.0 · built by slsa-framework/slsa-github-generator/.github/workflows/builder_nodejs_slsa3.yml@refs/tags/v2.0.0 · issuer https://token.actions.githubusercontent.com · Rekor log index 1',
    );
  });
});
