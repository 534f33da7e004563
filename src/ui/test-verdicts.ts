// Verdict objects for UI tests (synthetic: shapes from src/core/verdict.ts, values made up).
import type { PackageVerdict, SignerIdentity, VerifiedAttestation } from '../core/verdict';

export const IDENTITY: SignerIdentity = {
  forge: 'github',
  issuer: 'https://token.actions.githubusercontent.com',
  san: 'https://github.com/octo/widgets/.github/workflows/release.yml@refs/tags/v1.2.0',
  repository: 'octo/widgets',
  repositoryUrl: 'https://github.com/octo/widgets',
  workflowPath: '.github/workflows/release.yml',
  ref: 'refs/tags/v1.2.0',
  commit: '0123456789abcdef0123456789abcdef01234567',
  trigger: 'push',
  runUrl: 'https://github.com/octo/widgets/actions/runs/42/attempts/1',
  runnerEnvironment: 'github-hosted',
};

export const ATTESTATION: VerifiedAttestation = {
  kind: 'pypi-publish',
  predicateType: 'https://docs.pypi.org/attestations/publish/v1',
  signer: IDENTITY,
  log: {
    logIndex: '148927391234',
    integratedTime: '2026-03-01T12:00:00.000Z',
    searchUrl: 'https://search.sigstore.dev/?logIndex=148927391234',
  },
};

const base = {
  pkg: { registry: 'pypi' as const, name: 'widgets', version: '1.2.0' },
  checkedAt: Date.UTC(2026, 2, 1, 12, 5),
};

const WHEEL = 'widgets-1.2.0-py3-none-any.whl';
const SDIST = 'widgets-1.2.0.tar.gz';

export const VERDICTS = {
  verified: {
    ...base,
    status: 'verified',
    identity: IDENTITY,
    attestations: [ATTESTATION],
    files: [
      { filename: WHEEL, sha256: 'aa', verdict: { status: 'verified', attestations: [ATTESTATION], identity: IDENTITY } },
      { filename: SDIST, sha256: 'bb', verdict: { status: 'verified', attestations: [ATTESTATION], identity: IDENTITY } },
    ],
  },
  partial: {
    ...base,
    status: 'partial',
    identity: IDENTITY,
    attestations: [ATTESTATION],
    verifiedCount: 1,
    totalCount: 2,
    files: [
      { filename: WHEEL, sha256: 'aa', verdict: { status: 'verified', attestations: [ATTESTATION], identity: IDENTITY } },
      { filename: SDIST, sha256: 'bb', verdict: { status: 'none' } },
    ],
  },
  none: { ...base, status: 'none', files: [{ filename: SDIST, sha256: 'bb', verdict: { status: 'none' } }] },
  invalid: {
    ...base,
    status: 'invalid',
    code: 'SUBJECT_DIGEST',
    message: 'digest mismatch',
    files: [{ filename: SDIST, sha256: 'bb', verdict: { status: 'invalid', code: 'SUBJECT_DIGEST', message: 'x' } }],
  },
  unavailable: {
    ...base,
    status: 'unavailable',
    code: 'FETCH_TIMEOUT',
    message: 'timed out',
    retryable: true,
    files: [],
  },
} satisfies Record<PackageVerdict['status'], PackageVerdict>;

export const FILENAMES = { wheel: WHEEL, sdist: SDIST };
