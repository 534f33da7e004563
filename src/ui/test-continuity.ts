// Continuity verdicts for UI tests (synthetic): an earlier release signed by acme/widget, this
// one by mallory/widget, or this one without provenance.
import type { PackageVerdict, PublisherChange, SignerIdentity } from '../core/verdict';
import { ATTESTATION, FILENAMES, IDENTITY, VERDICTS } from './test-verdicts';

export const PREVIOUS: SignerIdentity = {
  ...IDENTITY,
  san: 'https://github.com/acme/widget/.github/workflows/release.yml@refs/tags/v1.1.0',
  repository: 'acme/widget',
  repositoryUrl: 'https://github.com/acme/widget',
  ref: 'refs/tags/v1.1.0',
  commit: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  repositoryId: '1111',
  ownerId: '11',
};

export const CURRENT: SignerIdentity = {
  ...IDENTITY,
  san: 'https://github.com/mallory/widget/.github/workflows/release.yml@refs/tags/v1.2.0',
  repository: 'mallory/widget',
  repositoryUrl: 'https://github.com/mallory/widget',
  commit: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
  repositoryId: '2222',
  ownerId: '22',
};

export function changedVerdict(
  field: PublisherChange['field'],
  from: string,
  to: string,
  current: SignerIdentity = CURRENT,
  previous: SignerIdentity = PREVIOUS,
): PackageVerdict {
  return {
    ...VERDICTS.verified,
    identity: current,
    continuity: { kind: 'publisher-changed', field, from, to, previousVersion: '1.1.0', previous },
  };
}

export const LOST: PackageVerdict = {
  ...VERDICTS.none,
  continuity: { kind: 'provenance-lost', previousVersion: '1.1.0', previous: PREVIOUS },
};

/** A pinned package whose new release comes from elsewhere: the pin makes it invalid. */
export const PIN_MISMATCH: PackageVerdict = {
  ...VERDICTS.none,
  files: [{ filename: FILENAMES.sdist, sha256: 'bb', verdict: { status: 'verified', attestations: [ATTESTATION], identity: CURRENT } }],
  status: 'invalid',
  code: 'IDENTITY_PIN',
  message: 'pinned to acme/widget (.github/workflows/release.yml), but signed by mallory/widget (.github/workflows/release.yml)',
  continuity: { kind: 'publisher-changed', field: 'repositoryId', from: '1111', to: '2222', previousVersion: '1.1.0', previous: PREVIOUS },
};
