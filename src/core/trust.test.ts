import { expect, it } from 'vitest';
import { describeRealData, readFixtureJson } from '../testing/fixtures';
import { createTrustContext, embeddedTrustContext } from './index';

type Root = { tlogs: { publicKey: { validFor: { start?: string } } }[] };

describeRealData('trust material', () => {
  it('dates the snapshot by its newest authority', () => {
    expect(createTrustContext({ trustedRoot: readFixtureJson('sigstore/trusted_root.json') }).trustedRootDate).toBe('2025-09-23T00:00:00.000Z');
  });

  it('embeds the same production root as the fixtures, once', () => {
    const fixture = createTrustContext({ trustedRoot: readFixtureJson('sigstore/trusted_root.json') });
    expect(embeddedTrustContext().trustedRootDate).toBe(fixture.trustedRootDate);
    expect(embeddedTrustContext()).toBe(embeddedTrustContext());
  });

  it('refuses unusable trust input with TRUST_MATERIAL', () => {
    expect(() => createTrustContext({ trustedRoot: 'nope' })).toThrow(expect.objectContaining({ code: 'TRUST_MATERIAL' }));
    const root = readFixtureJson('sigstore/trusted_root.json');
    const keys = structuredClone(readFixtureJson<{ keys: { publicKey: { validFor: { start?: string } } }[] }>('sigstore/npm-registry-keys.json'));
    delete keys.keys[0]!.publicKey.validFor.start;
    expect(() => createTrustContext({ trustedRoot: root, npmKeys: keys })).toThrow(expect.objectContaining({ code: 'TRUST_MATERIAL' }));
  });

  it('drops a log without validFor.start instead of trusting it without bound', () => {
    const root = structuredClone(readFixtureJson<Root>('sigstore/trusted_root.json'));
    for (const t of root.tlogs) delete t.publicKey.validFor.start;
    // Only the CAs, CT logs and TSA remain to date the snapshot.
    expect(createTrustContext({ trustedRoot: root }).trustedRootDate).toBe('2025-07-04T00:00:00.000Z');
  });
});
