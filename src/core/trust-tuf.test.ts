// The TUF refresh against a repository the test generates: a good refresh through a root
// rotation and the delegated npm role, then each attack of the TUF threat model, made by
// replacing one served file, refused with its reason.
import { beforeEach, describe, expect, it } from 'vitest';
import { generateTufKey } from '../testing/tuf/tuf-keys';
import { inDays, NPM_KEYS_TARGET, NPM_ROLE, TestTufRepo, TRUSTED_ROOT_TARGET } from '../testing/tuf/tuf-repo';
import { repoFetch, TEST_TUF_BASE } from '../testing/tuf/tuf-serve';
import { embeddedTrustInput } from './trust-embedded';
import { refreshTuf, TUF_LIMITS, type TufMetadata } from './trust-tuf';

const TARGETS = [TRUSTED_ROOT_TARGET, NPM_KEYS_TARGET];
const content = embeddedTrustInput();

let repo: TestTufRepo;
beforeEach(() => {
  repo = new TestTufRepo();
  repo.publish({ version: 5, trustedRoot: content.trustedRoot, npmKeys: content.npmKeys });
});

const refresh = (cached?: TufMetadata, fetch = repoFetch(repo)) =>
  refreshTuf({ baseUrl: TEST_TUF_BASE, initialRoot: repo.initialRoot, fetch, targets: TARGETS, ...(cached ? { cached } : {}) });
const reason = (pending: Promise<unknown>) => pending.then(() => 'accepted', (e: { reason?: string }) => e.reason ?? String(e));
const json = (bytes: Uint8Array | undefined): unknown => JSON.parse(Buffer.from(bytes ?? []).toString('utf8'));

describe('TUF refresh, good', () => {
  it('follows the root rotation v1 -> v2 -> v3 and the delegated npm role, and returns both targets', async () => {
    const v2Keys = [generateTufKey(), generateTufKey()];
    repo.publishRoot({ version: 2, rootKeys: v2Keys, threshold: 2 });
    const v3Keys = [generateTufKey(), generateTufKey(), generateTufKey()];
    repo.publishRoot({ version: 3, rootKeys: v3Keys, threshold: 3 });
    repo.publish({ version: 6, trustedRoot: content.trustedRoot, npmKeys: content.npmKeys });
    const fetch = repoFetch(repo);
    const result = await refresh(undefined, fetch);
    expect(result.versions).toEqual({ root: 3, timestamp: 6, snapshot: 6, targets: 6 });
    expect(json(result.targets[TRUSTED_ROOT_TARGET])).toEqual(content.trustedRoot);
    expect(json(result.targets[NPM_KEYS_TARGET])).toEqual(content.npmKeys);
    expect(fetch.requests.slice(0, 5)).toEqual(['2.root.json', '3.root.json', '4.root.json', 'timestamp.json', '6.snapshot.json']);
    expect(fetch.requests).toContain(`6.${NPM_ROLE}.json`);
    expect(Object.keys(result.metadata).sort()).toEqual(['registry.npmjs.org', 'root', 'snapshot', 'targets', 'timestamp']);
    expect((JSON.parse(result.metadata.root ?? '') as { signed: { version: number } }).signed.version).toBe(3);
  });

  it('continues from the cached metadata: a newer version of each file is accepted', async () => {
    const first = await refresh();
    repo.publish({ version: 7, trustedRoot: content.trustedRoot, npmKeys: { keys: [] } });
    const second = await refresh(first.metadata);
    expect(second.versions.timestamp).toBe(7);
    expect(json(second.targets[NPM_KEYS_TARGET])).toEqual({ keys: [] });
  });
});

describe('TUF refresh, refused', () => {
  it('rollback of timestamp, snapshot, targets and the npm role below the cached versions', async () => {
    const { metadata } = await refresh();
    repo.publish({ version: 4, trustedRoot: content.trustedRoot, npmKeys: content.npmKeys });
    expect(await reason(refresh(metadata))).toBe('TUF_ROLLBACK');
    repo.publish({ version: 6, versions: { snapshot: 4, targets: 6, npm: 6 }, trustedRoot: content.trustedRoot, npmKeys: content.npmKeys });
    expect(await reason(refresh(metadata))).toBe('TUF_ROLLBACK');
    repo.publish({ version: 6, versions: { targets: 4 }, trustedRoot: content.trustedRoot, npmKeys: content.npmKeys });
    expect(await reason(refresh(metadata))).toBe('TUF_ROLLBACK');
    repo.publish({ version: 6, versions: { npm: 4 }, trustedRoot: content.trustedRoot, npmKeys: content.npmKeys });
    expect(await reason(refresh(metadata))).toBe('TUF_ROLLBACK');
  });

  it('rollback of root: N.root.json holding an older version', async () => {
    repo.putMeta('2.root.json', repo.rootJson({ version: 1, rootKeys: repo.rootKeys, threshold: 2 }), repo.rootKeys);
    expect(await reason(refresh())).toBe('TUF_ROLLBACK');
  });

  it('freeze: expired timestamp, snapshot, targets, npm role or root', async () => {
    for (const role of ['timestamp', 'snapshot', 'targets', 'npm'] as const) {
      repo.publish({ version: 5, expires: { [role]: inDays(-1) }, trustedRoot: content.trustedRoot, npmKeys: content.npmKeys });
      expect(await reason(refresh()), role).toBe('TUF_EXPIRED');
    }
    repo.publish({ version: 5, trustedRoot: content.trustedRoot, npmKeys: content.npmKeys });
    repo.publishRoot({ version: 2, rootKeys: repo.rootKeys, threshold: 2, expires: inDays(-1) });
    expect(await reason(refresh())).toBe('TUF_EXPIRED');
  });

  it('mix-and-match: a snapshot or targets file other than the one timestamp and snapshot name', async () => {
    // Another snapshot of the same version (its files listed without lengths): shorter than the
    // timestamp's length, so it is read whole and refused by its hash.
    const snapshot = repo.signedAt('5.snapshot.json') as unknown as { meta: Record<string, { version: number }> };
    const meta = Object.fromEntries(Object.entries(snapshot.meta).map(([name, m]) => [name, { version: m.version }]));
    repo.putMeta('5.snapshot.json', { ...repo.signedAt('5.snapshot.json'), meta }, [repo.onlineKey]);
    expect(await reason(refresh())).toBe('TUF_MISMATCH');
    repo.publish({ version: 5, trustedRoot: content.trustedRoot, npmKeys: content.npmKeys });
    // Snapshot names targets v6 by version only; the served 6.targets.json is version 5's.
    const snap = repo.signedAt('5.snapshot.json') as unknown as { meta: Record<string, { version: number }> };
    repo.putMeta('5.snapshot.json', { ...repo.signedAt('5.snapshot.json'), meta: { ...snap.meta, 'targets.json': { version: 6 } } }, [repo.onlineKey]);
    repo.putMeta('timestamp.json', { ...repo.signedAt('timestamp.json'), meta: { 'snapshot.json': { version: 5 } } }, [repo.onlineKey]);
    repo.files.set('6.targets.json', repo.files.get('5.targets.json') ?? new Uint8Array());
    expect(await reason(refresh())).toBe('TUF_MISMATCH');
  });

  it('a target whose bytes differ from its TUF hash', async () => {
    const [path, bytes] = [...repo.files].find(([p]) => p.endsWith(`.${TRUSTED_ROOT_TARGET}`)) ?? ['', new Uint8Array()];
    const changed = Buffer.from(bytes);
    changed.writeUInt8((changed.readUInt8(changed.length - 2) ^ 1) & 0xff, changed.length - 2);
    repo.files.set(path, changed);
    expect(await reason(refresh())).toBe('TUF_MISMATCH');
  });

  it('a wrong signature, and too few signatures for the threshold', async () => {
    repo.putMeta('timestamp.json', repo.signedAt('timestamp.json'), [generateTufKey()]);
    expect(await reason(refresh())).toBe('TUF_SIGNATURE');
    repo.publish({ version: 5, signers: { npm: [repo.onlineKey] }, trustedRoot: content.trustedRoot, npmKeys: content.npmKeys });
    expect(await reason(refresh())).toBe('TUF_SIGNATURE');
    repo.publish({ version: 5, signers: { targets: [repo.rootKeys[0]!] }, trustedRoot: content.trustedRoot, npmKeys: content.npmKeys });
    expect(await reason(refresh())).toBe('TUF_SIGNATURE');
    repo.publish({ version: 5, trustedRoot: content.trustedRoot, npmKeys: content.npmKeys });
    const newKeys = [generateTufKey(), generateTufKey()];
    // v2 signed by both new keys but only one of the old root's two-of-three.
    repo.publishRoot({ version: 2, rootKeys: newKeys, threshold: 2 }, [repo.rootKeys[0]!, ...newKeys]);
    expect(await reason(refresh())).toBe('TUF_SIGNATURE');
  });

  it('oversize metadata and oversize targets', async () => {
    const padded = { ...repo.signedAt('timestamp.json'), 'x-padding': 'a'.repeat(TUF_LIMITS.timestamp) };
    repo.putMeta('timestamp.json', padded, [repo.onlineKey]);
    expect(await reason(refresh())).toBe('TUF_TOO_LARGE');
    repo.publish({ version: 5, trustedRoot: content.trustedRoot, npmKeys: content.npmKeys });
    const [path, bytes] = [...repo.files].find(([p]) => p.endsWith(`.${TRUSTED_ROOT_TARGET}`)) ?? ['', new Uint8Array()];
    repo.files.set(path, Buffer.concat([bytes, Buffer.from(' ')]));
    expect(await reason(refresh())).toBe('TUF_TOO_LARGE');
    repo.publish({ version: 5, trustedRoot: { pad: 'a'.repeat(TUF_LIMITS.target) }, npmKeys: content.npmKeys });
    expect(await reason(refresh())).toBe('TUF_TOO_LARGE');
  });
});
