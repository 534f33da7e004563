// Continuity notes and pins over the whole identity (issue 13.8-9): builder, Google account,
// repository and owner ids. Every identity here comes from a certificate the test Sigstore
// instance issued and the core verified, not from a hand-written object.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestSigstore,
  fakeSha256,
  githubIdentity,
  googleIdentity,
  SLSA_NODEJS_BUILDER,
  type IdentitySpec,
  type TestSigstore,
} from '../testing/testca/index';
import type { TrustContext } from './api';
import { continuityNote, matchesPin, pinFromIdentity } from './continuity';
import { createTrustContext, verifyPypiProvenance } from './index';
import type { SignerIdentity } from './verdict';

let ts: TestSigstore;
let trust: TrustContext;
beforeAll(async () => {
  ts = await createTestSigstore();
  trust = createTrustContext({ trustedRoot: ts.trustedRoot });
});

/** The identity the core shows for a file signed by `spec`. */
function signed(spec: IdentitySpec): SignerIdentity {
  const file = { filename: 'widget-1.0.0.tar.gz', sha256: fakeSha256('widget-1.0.0') };
  const verdict = verifyPypiProvenance(ts.pypiAttestation({ ...file, identity: spec }), file, trust);
  if (verdict.status !== 'verified' || !verdict.identity) throw new Error(`test identity did not verify: ${JSON.stringify(verdict)}`);
  return verdict.identity;
}

const builderAt = (ref: string) => SLSA_NODEJS_BUILDER.replace('@refs/tags/v2.1.0', `@${ref}`);
const own = () => signed(githubIdentity('acme/widget'));
const built = (uri: string, ref = 'refs/tags/v1.0.0') => signed(githubIdentity('acme/widget', { ref, buildSignerUri: uri }));
const after = (previous: SignerIdentity) => [{ version: '1.0.0', identity: previous }];

describe('continuity over the builder', () => {
  it('says nothing when only the builder ref moves (v2.0.0 -> v2.1.0)', () => {
    expect(continuityNote(built(builderAt('refs/tags/v2.1.0')), after(built(builderAt('refs/tags/v2.0.0'))))).toBeUndefined();
  });

  it('reports another builder repository, and a builder replacing the own workflow', () => {
    const mallory = 'https://github.com/mallory/generator/.github/workflows/builder_nodejs_slsa3.yml@refs/tags/v2.1.0';
    expect(continuityNote(built(mallory), after(built(SLSA_NODEJS_BUILDER)))).toMatchObject({
      kind: 'publisher-changed',
      field: 'builder',
      from: 'https://github.com/slsa-framework/slsa-github-generator/.github/workflows/builder_nodejs_slsa3.yml',
      to: 'https://github.com/mallory/generator/.github/workflows/builder_nodejs_slsa3.yml',
    });
    expect(continuityNote(built(mallory), after(own()))).toMatchObject({
      field: 'builder',
      from: 'https://github.com/acme/widget/.github/workflows/release.yml',
      to: 'https://github.com/mallory/generator/.github/workflows/builder_nodejs_slsa3.yml',
    });
    expect(continuityNote(own(), after(built(mallory)))).toMatchObject({ field: 'builder' });
  });

  it('keeps a reusable workflow of the repository itself through a rename (same ids)', () => {
    const ids = { repositoryId: '4242', ownerId: '77' };
    const before = signed(githubIdentity('acme/widget', { ...ids, buildSignerUri: 'https://github.com/acme/widget/.github/workflows/build.yml@refs/heads/main' }));
    const renamed = signed(githubIdentity('acme/widget-ng', { ...ids, buildSignerUri: 'https://github.com/acme/widget-ng/.github/workflows/build.yml@refs/heads/main' }));
    expect(continuityNote(renamed, after(before))).toBeUndefined();
  });
});

describe('continuity over ids and accounts', () => {
  it('reports a repository deleted and re-created under the same name by someone else', () => {
    const original = signed(githubIdentity('acme/widget', { repositoryId: '1001', ownerId: '7' }));
    const recreated = signed(githubIdentity('acme/widget', { repositoryId: '2002', ownerId: '8' }));
    expect(continuityNote(recreated, after(original))).toMatchObject({ kind: 'publisher-changed', field: 'repositoryId', from: '1001', to: '2002' });
  });

  it('reports a switch to another Google service account, and nothing for the same one', () => {
    const ci = signed(googleIdentity('release@acme.iam.gserviceaccount.com'));
    const other = signed(googleIdentity('intruder@evil.iam.gserviceaccount.com'));
    expect(continuityNote(other, after(ci))).toMatchObject({
      kind: 'publisher-changed',
      field: 'email',
      from: 'release@acme.iam.gserviceaccount.com',
      to: 'intruder@evil.iam.gserviceaccount.com',
    });
    expect(continuityNote(signed(googleIdentity('release@acme.iam.gserviceaccount.com')), after(ci))).toBeUndefined();
  });
});

describe('pins over the whole identity', () => {
  it('pins a Google account by its exact e-mail', () => {
    const ci = signed(googleIdentity('release@acme.iam.gserviceaccount.com'));
    const pin = pinFromIdentity(ci);
    expect(pin).toEqual({ issuer: 'https://accounts.google.com', email: 'release@acme.iam.gserviceaccount.com' });
    expect(matchesPin(ci, pin!)).toBe(true);
    expect(matchesPin(signed(googleIdentity('intruder@evil.iam.gserviceaccount.com')), pin!)).toBe(false);
    expect(matchesPin(signed(googleIdentity('Release@acme.iam.gserviceaccount.com')), pin!)).toBe(false);
  });

  it('holds the repository and owner ids; a pin without ids still matches by name', () => {
    const original = signed(githubIdentity('acme/widget', { repositoryId: '1001', ownerId: '7' }));
    const pin = pinFromIdentity(original)!;
    expect(pin).toMatchObject({ repository: 'acme/widget', repositoryId: '1001', ownerId: '7' });
    expect(matchesPin(original, pin)).toBe(true);
    expect(matchesPin(signed(githubIdentity('acme/widget', { repositoryId: '2002', ownerId: '7' })), pin)).toBe(false);
    expect(matchesPin(signed(githubIdentity('acme/widget', { repositoryId: '1001', ownerId: '8' })), pin)).toBe(false);
    const older = { issuer: pin.issuer, repository: 'acme/widget', workflowPath: '.github/workflows/release.yml' };
    expect(matchesPin(signed(githubIdentity('acme/widget', { repositoryId: '2002' })), older)).toBe(true);
  });

  it('holds the builder without its ref', () => {
    const identity = built(builderAt('refs/tags/v2.0.0'));
    const pin = pinFromIdentity(identity)!;
    expect(pin.builder).toBe('https://github.com/slsa-framework/slsa-github-generator/.github/workflows/builder_nodejs_slsa3.yml');
    expect(matchesPin(built(builderAt('refs/tags/v2.1.0')), pin)).toBe(true);
    expect(matchesPin(built('https://github.com/mallory/generator/.github/workflows/builder_nodejs_slsa3.yml@refs/tags/v2.1.0'), pin)).toBe(false);
    expect(matchesPin(own(), pin)).toBe(false);
  });

  it("fails a pin made on the own workflow for a build by another repository's workflow, not by the repository's own", () => {
    const pin = pinFromIdentity(own())!;
    expect(pin.builder).toBeUndefined();
    expect(matchesPin(own(), pin)).toBe(true);
    expect(matchesPin(built(SLSA_NODEJS_BUILDER), pin)).toBe(false);
    expect(matchesPin(built('https://github.com/acme/widget/.github/workflows/build.yml@refs/heads/main'), pin)).toBe(true);
  });

  it('matches nobody with a pin that names neither an account nor a repository', () => {
    expect(matchesPin(own(), { issuer: 'https://token.actions.githubusercontent.com' })).toBe(false);
  });
});
