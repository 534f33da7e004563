// verifyAhead around the whole @sigstore/verify pipeline under the adapter, on every real
// fixture bundle (PyPI, npm and the sigstore-conformance cases, many of them made to fail):
// exactly the outcome, error code and message of the plain synchronous pass.
import { webcrypto } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeRealData, FIXTURES_DIR } from '../../testing/fixtures';
import { clearCryptoMemos } from './node-crypto';
import { loadBundleCases } from './testing/real-bundle-cases';
import { withCrypto } from './testing/swap-node-crypto';
import { verifyCaseFresh } from './testing/verify-bundle-case';
import { verifyAhead } from './verify-ahead';

describeRealData('verifyAhead on the real fixture bundles', () => {
  it('gives the synchronous outcome for every bundle, cold and warm', async () => {
    const cases = loadBundleCases(FIXTURES_DIR);
    expect(cases.length).toBeGreaterThanOrEqual(80);
    let failing = 0;
    for (const c of cases) {
      const pass = () => withCrypto('adapter', () => verifyCaseFresh(c));
      clearCryptoMemos();
      const expected = pass();
      if (!expected.ok) failing++;
      clearCryptoMemos();
      expect({ name: c.name, outcome: await verifyAhead(pass, webcrypto.subtle as SubtleCrypto) }).toEqual({ name: c.name, outcome: expected });
      expect({ name: c.name, outcome: await verifyAhead(pass, webcrypto.subtle as SubtleCrypto) }).toEqual({ name: c.name, outcome: expected });
    }
    expect(failing).toBeGreaterThan(10);
  });
});
