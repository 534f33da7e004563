// What the CLI prints for verdicts, checked on verdict objects so it does not wait for the core:
// above all, a lone npm publish attestation (registry-signed, no build provenance) reads as
// `none`, names the registry key, and is not a pass (issue 13.3). A failed attestation's claim
// (issue 16.2) is printed as such, and checked once end to end on the real tampered fixture.
import { describe, expect, it } from 'vitest';
import type { ArtifactVerdict } from '../core/index';
import { EXIT_NOT_VERIFIED, EXIT_VERIFIED } from './cli-error';
import { npmVersionOf } from '../testing/fixture-cases';
import { describeRealData, fixturePath } from '../testing/fixtures';
import { main } from './main';
import { claimedText, verdictExitCode, verdictJson, verdictLine } from './output';

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

describe('CLI output of a failed attestation: what it claims, marked unverified', () => {
  const claimed = {
    repository: 'https://github.com/trishankatdatadog/supreme-goggles',
    workflow: '.github/workflows/npm-publish.yml',
    ref: 'refs/tags/v1.0.5',
    commit: '38ebf99444e033b2f1550c9aaaeacd62d02a12ba',
    issuer: 'https://token.actions.githubusercontent.com',
  };
  const failed: ArtifactVerdict = { status: 'invalid', code: 'TLOG_BODY', message: 'TLOG_BODY_ERROR: DSSE payload hash mismatch', claimed };
  const claimLine = `claimed (unverified): ${claimed.repository} ${claimed.workflow}@${claimed.ref} commit ${claimed.commit}`;

  it('adds one labelled line under the failure, and puts the claim in --json beside status and code', () => {
    expect(verdictLine(failed)).toBe(`invalid [TLOG_BODY]: TLOG_BODY_ERROR: DSSE payload hash mismatch\n${claimLine}`);
    expect(verdictJson(failed)).toEqual({ status: 'invalid', code: 'TLOG_BODY', message: failed.message, claimed });
    expect(verdictExitCode(failed)).toBe(EXIT_NOT_VERIFIED);
  });

  it('prints no claim line, and no claimed key, when nothing was readable', () => {
    const plain: ArtifactVerdict = { status: 'invalid', code: 'PARSE_JSON', message: 'x' };
    expect(verdictLine(plain)).toBe('invalid [PARSE_JSON]: x');
    expect(verdictJson(plain)).not.toHaveProperty('claimed');
  });

  it('keeps the claim on one line, and names the signer when no repository is claimed', () => {
    expect(claimedText({ repository: 'a\nb', ref: 'r' })).toBe('claimed (unverified): a b @r');
    expect(claimedText({ san: 'ci@x.iam.gserviceaccount.com' })).toBe('claimed (unverified): ci@x.iam.gserviceaccount.com');
  });
});

describeRealData('provenance-lens verify npm on the tampered supreme-goggles provenance', () => {
  const TAMPERED = 'npm/@trishankatdatadog/supreme-goggles/supreme-goggles@1.0.5.attestations.tampered-provenance.json';
  const args = (json: boolean) => {
    const version = npmVersionOf(TAMPERED);
    return ['verify', 'npm', '--attestations', fixturePath(TAMPERED), '--name', version.name, '--version', version.version,
      '--integrity', version.integrity, '--trusted-root', fixturePath('sigstore/trusted_root.json'),
      '--keys', fixturePath('sigstore/npm-registry-keys.json'), ...(json ? ['--json'] : [])];
  };
  const run = async (json: boolean) => {
    const out: string[] = [];
    const code = await main(args(json), { stdout: (t) => out.push(t), stderr: (t) => out.push(`stderr: ${t}`) });
    return { code, out: out.join('\n') };
  };

  it('prints the failure, then the workflow and ref the altered statement claims; exit 1', async () => {
    const { code, out } = await run(false);
    expect(code).toBe(EXIT_NOT_VERIFIED);
    expect(out.split('\n')).toEqual([
      expect.stringMatching(/^invalid \[TLOG_BODY\]: /),
      'claimed (unverified): https://github.com/trishankatdatadog/supreme-goggles .github/workflows/npm-publish.yml@refs/tags/v1.0.5 commit 38ebf99444e033b2f1550c9aaaeacd62d02a12ba',
    ]);
  });

  it('--json holds the claim under `claimed`, never under `identity`', async () => {
    const { code, out } = await run(true);
    const json = JSON.parse(out) as Record<string, unknown>;
    expect(code).toBe(EXIT_NOT_VERIFIED);
    expect(json).toMatchObject({ status: 'invalid', code: 'TLOG_BODY', claimed: { workflow: '.github/workflows/npm-publish.yml', ref: 'refs/tags/v1.0.5' } });
    expect(json).not.toHaveProperty('identity');
  });
});
