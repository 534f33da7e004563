// File verdicts the verdict-cache tests store and read back: one verified signer, file n with
// an all-digit sha256, and its artifact reference.
import type { ArtifactVerdict, FileVerdict, SignerIdentity } from '../../core/verdict';

export const identity: SignerIdentity = { forge: 'github', issuer: 'https://token.actions.githubusercontent.com', san: 's', repository: 'o/r' };
export const verified: ArtifactVerdict = {
  status: 'verified',
  identity,
  attestations: [{ kind: 'pypi-publish', predicateType: 'p', signer: identity, log: { logIndex: '2272775063', integratedTime: 't', searchUrl: 'u' } }],
};
export const down: ArtifactVerdict = { status: 'unavailable', code: 'FETCH_TIMEOUT', message: 'slow' };

export const file = (n: number, verdict: ArtifactVerdict = verified): FileVerdict => ({ filename: `f${n}.whl`, sha256: String(n).padStart(64, '0'), verdict });
export const fileRef = (n: number) => ({ registry: 'pypi' as const, digest: file(n).sha256, subject: `f${n}.whl` });
