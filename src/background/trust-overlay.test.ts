import { describe, expect, it } from 'vitest';
import { embeddedTrustContext, verifyPypiProvenance } from '../core/index';
import { mergeTrustOverlay } from './trust-overlay';
import { trustContextFor } from './trust';
import { createTestSigstore, fakeSha256, githubIdentity } from '../testing/testca/index';

describe('e2e trust overlay', () => {
  it('appends the overlay authorities, logs and npm keys after production ones', () => {
    const production = {
      trustedRoot: { mediaType: 'root', tlogs: ['p-tlog'], certificateAuthorities: ['p-ca'], ctlogs: ['p-ct'], timestampAuthorities: ['p-tsa'] },
      npmKeys: { keys: ['p-key'] },
    };
    const overlay = { trustedRoot: { mediaType: 'ignored', tlogs: ['t-tlog'], certificateAuthorities: ['t-ca'], ctlogs: ['t-ct'] }, npmKeys: { keys: ['t-key'] } };
    expect(mergeTrustOverlay(production, overlay)).toEqual({
      trustedRoot: { mediaType: 'root', tlogs: ['p-tlog', 't-tlog'], certificateAuthorities: ['p-ca', 't-ca'], ctlogs: ['p-ct', 't-ct'], timestampAuthorities: ['p-tsa'] },
      npmKeys: { keys: ['p-key', 't-key'] },
    });
    expect(production.trustedRoot.tlogs).toEqual(['p-tlog']); // inputs untouched
    expect(() => mergeTrustOverlay(production, { trustedRoot: { tlogs: 'x' }, npmKeys: {} })).toThrow(/tlogs/);
  });

  it('is exactly the production context without an overlay, and a working one with the test instance', async () => {
    expect(trustContextFor(null)).toBe(embeddedTrustContext());
    const ts = await createTestSigstore();
    const merged = trustContextFor({ trustedRoot: ts.trustedRoot, npmKeys: ts.npmKeys });
    const file = { filename: 'demo-1.0.tar.gz', sha256: fakeSha256('overlay') };
    const attestation = ts.pypiAttestation({ ...file, identity: githubIdentity('acme/demo') });
    expect(verifyPypiProvenance(attestation, file, merged)).toMatchObject({ status: 'verified' });
    expect(verifyPypiProvenance(attestation, file, embeddedTrustContext()).status).not.toBe('verified');
  });
});
