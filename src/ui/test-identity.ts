// Whole-identity verdicts for UI tests (synthetic: shapes from src/core/verdict.ts, values made
// up): a build by a shared workflow, a Google service account, a release whose files come from
// different refs, and an npm version only the registry signed.
import type { InconsistentSources, PackageVerdict, SignerIdentity } from '../core/verdict';
import { ATTESTATION, FILENAMES, IDENTITY, VERDICTS } from './test-verdicts';

export const BUILDER_COMMIT = 'fedcba9876543210fedcba9876543210fedcba98';

/** octo/widgets' release workflow calling org/shared-workflows' reusable one, with ids. */
export const BUILT_BY: SignerIdentity = {
  ...IDENTITY,
  repositoryId: '123456',
  ownerId: '7890',
  builder: {
    uri: 'https://github.com/org/shared-workflows/.github/workflows/release.yml@refs/tags/v1',
    repository: 'org/shared-workflows',
    workflowPath: '.github/workflows/release.yml',
    ref: 'refs/tags/v1',
    commit: BUILDER_COMMIT,
  },
};

export const GOOGLE: SignerIdentity = {
  forge: 'google',
  issuer: 'https://accounts.google.com',
  san: 'release@widgets-prod.iam.gserviceaccount.com',
  email: 'release@widgets-prod.iam.gserviceaccount.com',
};

export const verifiedBy = (identity: SignerIdentity): PackageVerdict => ({
  ...VERDICTS.verified,
  identity,
  attestations: [{ ...ATTESTATION, signer: identity }],
  files: VERDICTS.verified.files.map((f) => ({ ...f, verdict: { ...f.verdict, identity } })),
});

export const REF_SPLIT: InconsistentSources = { field: 'ref', values: ['refs/tags/v1.2.0', 'refs/heads/main'] };

/** The wheel built from the tag, the sdist from main: same repository and workflow. */
export const INCONSISTENT: PackageVerdict = {
  ...VERDICTS.verified,
  inconsistent: REF_SPLIT,
  files: [
    { filename: FILENAMES.wheel, sha256: 'aa', verdict: { status: 'verified', attestations: [ATTESTATION], identity: IDENTITY } },
    {
      filename: FILENAMES.sdist,
      sha256: 'bb',
      verdict: { status: 'verified', attestations: [ATTESTATION], identity: { ...IDENTITY, ref: 'refs/heads/main' } },
    },
  ],
};

export const REGISTRY_SIGNED: PackageVerdict = {
  pkg: { registry: 'npm', name: 'widgets', version: '1.2.0' },
  checkedAt: VERDICTS.none.checkedAt,
  status: 'none',
  registrySigned: {
    keyId: 'SHA256:DhQ8wR5APBvFHLF/+Tc+AYvPOdTpcIDqOhxsBHRwC7U',
    log: { logIndex: '99887766554', integratedTime: '2026-03-01T12:00:00.000Z', searchUrl: 'https://search.sigstore.dev/?logIndex=99887766554' },
  },
  files: [{ filename: 'widgets-1.2.0.tgz', sha256: 'cc', verdict: { status: 'none' } }],
};
