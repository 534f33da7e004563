// Tampering with npm Sigstore bundles around the signature: the key a publish attestation
// names and the bundle's declared format.
import { claimsNewerThanSnapshot, invalid, unavailable, type UnitMutation } from './expectation';

export const bundleMutations: UnitMutation[] = [
  {
    name: 'registry key id changed',
    smoke: true,
    applies: (unit) => unit.keyHint !== undefined,
    apply: (unit) => unit.keyHint?.set('SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'),
    expect: (unit, env) =>
      claimsNewerThanSnapshot(unit, env)
        ? unavailable('an unknown npm key, for an entry newer than the trust snapshot', 'TRUST_UNKNOWN_KEY')
        : invalid('an unknown npm key, for an entry the trust snapshot covers', 'SIGNATURE_PUBLIC_KEY'),
  },
  {
    // @sigstore/bundle accepts any `version=\d.\d`; a version nobody has specified cannot be
    // known to mean what we verify (v0.2+ rules are applied to it), so our layer must refuse it.
    name: 'bundle media type unknown',
    applies: (unit) => unit.bundle !== undefined,
    apply: (unit) => {
      if (unit.bundle) unit.bundle.mediaType = 'application/vnd.dev.sigstore.bundle+json;version=9.9';
    },
    expect: () => invalid('not a bundle version we can read', 'PARSE_BUNDLE', 'POLICY_UNSUPPORTED_BUNDLE'),
  },
  {
    name: 'DSSE payload type changed',
    applies: (unit) => unit.bundle !== undefined,
    apply: (unit) => {
      const envelope = unit.bundle?.dsseEnvelope as Record<string, unknown> | undefined;
      if (envelope) envelope.payloadType = 'text/plain';
    },
    expect: () => invalid('the payload type is part of the signed PAE', 'SIGNATURE_', 'TLOG_', 'PARSE_'),
  },
];
