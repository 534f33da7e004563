import { it, expect } from 'vitest';
import { createRequire } from 'node:module';
import { readFixtureJson } from '../testing/fixtures';
import { createTrustContext, verifyPypiProvenance } from './index';
const req = createRequire(import.meta.url);
it('memo hit', () => {
  const sct = req('@sigstore/verify/dist/key/sct');
  let n = 0; const orig = sct.verifySCTs; sct.verifySCTs = (...a: any[]) => { n++; return orig(...a); };
  const sdist: any = readFixtureJson('pypi/sampleproject/sampleproject-4.0.0.tar.gz.provenance');
  const w: any = readFixtureJson('pypi/sampleproject/sampleproject-4.0.0-py3-none-any.whl.attestation.json');
  const wheel = { version: 1, attestation_bundles: [{ publisher: sdist.attestation_bundles[0].publisher, attestations: [w] }] };
  const trust = createTrustContext({ trustedRoot: readFixtureJson('sigstore/trusted_root.json') });
  expect(verifyPypiProvenance(sdist, { filename: 'sampleproject-4.0.0.tar.gz', sha256: '0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b' }, trust).status).toBe('verified');
  expect(verifyPypiProvenance(wheel, { filename: 'sampleproject-4.0.0-py3-none-any.whl', sha256: 'c23e447ea90d796d1e645c35c4b2de125040add12a845825546f91c93f391b6b' }, trust).status).toBe('verified');
  console.log('verifySCTs calls', n);
});
