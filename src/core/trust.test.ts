import { createHash } from 'node:crypto';
import seeds from '@sigstore/tuf/seeds.json';
import { expect, it } from 'vitest';
import { describeRealData, readFixtureJson } from '../testing/fixtures';
import { createTrustContext, embeddedTrustContext, embeddedTrustInput as embeddedTrustInputFn } from './index';
import { EMBEDDED_SEEDS_SHA256, EMBEDDED_SNAPSHOT_DATE, embeddedTufRoot } from './trust-embedded';

it('dates the embedded snapshot by its TUF root, tied to the seeds it was chosen for', () => {
  // An upgrade of @sigstore/tuf changes the seeds: look at EMBEDDED_SNAPSHOT_DATE again, then here.
  expect(createHash('sha256').update(JSON.stringify(seeds)).digest('hex')).toBe(EMBEDDED_SEEDS_SHA256);
  const root = (JSON.parse(embeddedTufRoot()) as { signed: { version: number; expires: string; 'x-tuf-on-ci-expiry-period': number } }).signed;
  expect(root.version).toBe(16);
  const signingOpened = Date.parse(root.expires) - root['x-tuf-on-ci-expiry-period'] * 24 * 60 * 60 * 1000;
  expect(new Date(signingOpened).toISOString()).toBe(EMBEDDED_SNAPSHOT_DATE);
  expect(embeddedTrustContext().trustedRootDate).toBe(EMBEDDED_SNAPSHOT_DATE);
});

it("reads the embedded seeds' base64 exactly as Node does: the TUF root's text and both targets", () => {
  const repo = (seeds as Record<string, { 'root.json': string; targets: Record<string, string> }>)['https://tuf-repo-cdn.sigstore.dev']!;
  const node = (text: string) => Buffer.from(text, 'base64').toString('utf8');
  expect(embeddedTufRoot()).toBe(node(repo['root.json']));
  const input = embeddedTrustInputFn();
  expect(input.trustedRoot).toEqual(JSON.parse(node(repo.targets['trusted_root.json']!)));
  expect(input.npmKeys).toEqual(JSON.parse(node(repo.targets['registry.npmjs.org%2Fkeys.json']!)));
});

it('takes the date it is given (TUF verification time) over the newest validFor.start', () => {
  const { trustedRoot } = JSON.parse(JSON.stringify({ trustedRoot: embeddedTrustInputRoot() })) as { trustedRoot: unknown };
  expect(createTrustContext({ trustedRoot, materialDate: '2026-12-01T08:00:00Z' }).trustedRootDate).toBe('2026-12-01T08:00:00.000Z');
  expect(createTrustContext({ trustedRoot }).trustedRootDate).toBe('2025-09-23T00:00:00.000Z');
  expect(() => createTrustContext({ trustedRoot, materialDate: 'yesterday' })).toThrow(expect.objectContaining({ code: 'TRUST_MATERIAL' }));
});

function embeddedTrustInputRoot(): unknown {
  return embeddedTrustInputFn().trustedRoot;
}

type Root = { tlogs: { publicKey: { validFor: { start?: string } } }[] };

describeRealData('trust material', () => {
  it('dates the snapshot by its newest authority', () => {
    expect(createTrustContext({ trustedRoot: readFixtureJson('sigstore/trusted_root.json') }).trustedRootDate).toBe('2025-09-23T00:00:00.000Z');
  });

  it('embeds the same production root as the fixtures, once', () => {
    // Same authorities: dated alike when both are dated by their newest validFor.start.
    const fixture = createTrustContext({ trustedRoot: readFixtureJson('sigstore/trusted_root.json') });
    expect(createTrustContext({ trustedRoot: embeddedTrustInputFn().trustedRoot }).trustedRootDate).toBe(fixture.trustedRootDate);
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
