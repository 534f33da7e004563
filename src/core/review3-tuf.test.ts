// Review 3 (issue 15): the TUF walk against a generated repository whose targets metadata and
// delegations an attacker shapes: who may provide trusted_root.json, and freeze by replay.
import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { generateTufKey, keyMap, type TufTestKey } from '../testing/tuf/tuf-keys';
import { inDays, NPM_KEYS_TARGET, NPM_ROLE, TestTufRepo, TRUSTED_ROOT_TARGET } from '../testing/tuf/tuf-repo';
import { repoFetch, TEST_TUF_BASE } from '../testing/tuf/tuf-serve';
import { embeddedTrustInput } from './trust-embedded';
import { refreshTuf, type TufMetadata } from './trust-tuf';

const TARGETS = [TRUSTED_ROOT_TARGET, NPM_KEYS_TARGET];
const content = embeddedTrustInput();
const sha256 = (t: string) => createHash('sha256').update(t).digest('hex');
const meta = (text: string, version?: number) => ({ ...(version === undefined ? {} : { version }), length: Buffer.byteLength(text), hashes: { sha256: sha256(text) } });

let repo: TestTufRepo;
beforeEach(() => {
  repo = new TestTufRepo();
  repo.publish({ version: 5, trustedRoot: content.trustedRoot, npmKeys: content.npmKeys });
});
const refresh = (cached?: TufMetadata) =>
  refreshTuf({ baseUrl: TEST_TUF_BASE, initialRoot: repo.initialRoot, fetch: repoFetch(repo), targets: TARGETS, ...(cached ? { cached } : {}) });
const outcome = (p: Promise<{ targets: Record<string, Uint8Array> }>) =>
  p.then(
    (r) => ({ ok: true, trustedRoot: Buffer.from(r.targets[TRUSTED_ROOT_TARGET] ?? []).toString('utf8') }),
    (e: { reason?: string }) => ({ ok: false, reason: e.reason }),
  );

function putTarget(path: string, text: string): void {
  const parts = path.split('/');
  const name = parts.pop() ?? '';
  repo.files.set(['targets', ...parts, `${sha256(text)}.${name}`].join('/'), Buffer.from(text));
}

interface Role { name: string; key: TufTestKey; paths: string[]; terminating: boolean; targets: Record<string, string>; delegates?: Role[] }

/** Top-level targets listing `top`, delegating to `roles` (recursively), all linked by snapshot and timestamp at `v`. */
function publishShaped(v: number, top: Record<string, string>, roles: Role[]): void {
  const snapMeta: Record<string, unknown> = {};
  const signRole = (role: Role): void => {
    for (const [p, t] of Object.entries(role.targets)) putTarget(p, t);
    const delegations = role.delegates && {
      keys: keyMap(role.delegates.map((d) => d.key)),
      roles: role.delegates.map((d) => ({ name: d.name, keyids: [d.key.id], threshold: 1, terminating: d.terminating, paths: d.paths })),
    };
    role.delegates?.forEach(signRole);
    const text = repo.putMeta(
      `${v}.${role.name}.json`,
      { ...repo.signedOf('targets', v, inDays(30), { targets: Object.fromEntries(Object.entries(role.targets).map(([p, t]) => [p, meta(t)])) }), ...(delegations ? { delegations } : {}) },
      [role.key],
    );
    snapMeta[`${role.name}.json`] = meta(text, v);
  };
  roles.forEach(signRole);
  for (const [p, t] of Object.entries(top)) putTarget(p, t);
  const targets = repo.putMeta(
    `${v}.targets.json`,
    {
      ...repo.signedOf('targets', v, inDays(30), { targets: Object.fromEntries(Object.entries(top).map(([p, t]) => [p, meta(t)])) }),
      delegations: {
        keys: keyMap(roles.map((r) => r.key)),
        roles: roles.map((r) => ({ name: r.name, keyids: [r.key.id], threshold: 1, terminating: r.terminating, paths: r.paths })),
      },
    },
    repo.rootKeys.slice(0, repo.rootThreshold),
  );
  snapMeta['targets.json'] = meta(targets, v);
  const snapshot = repo.putMeta(`${v}.snapshot.json`, repo.signedOf('snapshot', v, inDays(30), { meta: snapMeta }), [repo.onlineKey]);
  repo.putMeta('timestamp.json', repo.signedOf('timestamp', v, inDays(7), { meta: { 'snapshot.json': meta(snapshot, v) } }), [repo.onlineKey]);
}

const genuine = JSON.stringify(content.trustedRoot);
const evilRoot = JSON.stringify({ ...(content.trustedRoot as object), mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1', evil: true });
const keys = JSON.stringify(content.npmKeys);

describe('review3: who may provide trusted_root.json', () => {
  it('REGRESSION: the npm delegation (paths registry.npmjs.org/*) cannot supply trusted_root.json when targets omits it', async () => {
    const npm: Role = { name: NPM_ROLE, key: repo.npmKey, paths: [`${NPM_ROLE}/*`], terminating: true, targets: { [NPM_KEYS_TARGET]: keys, [TRUSTED_ROOT_TARGET]: evilRoot } };
    publishShaped(6, {}, [npm]);
    expect(await outcome(refresh())).toEqual({ ok: false, reason: 'TUF_TARGET_MISSING' });
  });

  it('REGRESSION: nor can a role the npm role delegates to with paths ["*"]', async () => {
    const evil: Role = { name: 'evil', key: generateTufKey(), paths: ['*'], terminating: false, targets: { [TRUSTED_ROOT_TARGET]: evilRoot } };
    const npm: Role = { name: NPM_ROLE, key: repo.npmKey, paths: [`${NPM_ROLE}/*`], terminating: true, targets: { [NPM_KEYS_TARGET]: keys }, delegates: [evil] };
    publishShaped(6, {}, [npm]);
    expect(await outcome(refresh())).toEqual({ ok: false, reason: 'TUF_TARGET_MISSING' });
  });

  it('REGRESSION: the npm role cannot reach trusted_root.json with a path pattern like "registry.npmjs.org/../*" or "*/../*"', async () => {
    const npm: Role = { name: NPM_ROLE, key: repo.npmKey, paths: ['registry.npmjs.org/../*'], terminating: false, targets: { [NPM_KEYS_TARGET]: keys, [TRUSTED_ROOT_TARGET]: evilRoot } };
    publishShaped(6, {}, [npm]);
    expect(await outcome(refresh())).toMatchObject({ ok: false });
  });

  it('REGRESSION: when targets lists trusted_root.json, a catch-all delegation listing another one is never consulted for it', async () => {
    const catchAll: Role = { name: 'catch-all', key: generateTufKey(), paths: ['*', '*/*'], terminating: false, targets: { [TRUSTED_ROOT_TARGET]: evilRoot, [NPM_KEYS_TARGET]: keys } };
    publishShaped(6, { [TRUSTED_ROOT_TARGET]: genuine }, [catchAll]);
    expect(await outcome(refresh())).toEqual({ ok: true, trustedRoot: genuine });
  });

  // ("root", "timestamp", ... are refused by @tufjs/models itself: "Delegated role name conflicts
  // with top-level role name", on the client as in this generator.)
  it('REGRESSION: a delegated role named "__proto__" or "constructor" does not stand in for metadata', async () => {
    for (const name of ['__proto__', 'constructor', 'hasOwnProperty']) {
      repo = new TestTufRepo();
      const odd: Role = { name, key: generateTufKey(), paths: [`${NPM_ROLE}/*`], terminating: true, targets: { [NPM_KEYS_TARGET]: JSON.stringify({ keys: [] }) } };
      publishShaped(6, { [TRUSTED_ROOT_TARGET]: genuine }, [odd]);
      const result = await outcome(refresh());
      // Either refused or, if accepted, never with npm keys that no trusted role signed.
      expect(result.ok, name).toBe(false);
    }
  });
});

describe('review3: freeze by replay', () => {
  it('REGRESSION: replaying the same (now expired) timestamp version the client already holds is refused, not "equal version, carry on"', async () => {
    repo.publish({ version: 6, trustedRoot: content.trustedRoot, npmKeys: content.npmKeys, expires: { timestamp: inDays(-1) } });
    // The client verified this very timestamp yesterday (simulated: its cached copy is the served one).
    const cached: TufMetadata = { root: repo.initialRoot, timestamp: Buffer.from(repo.files.get('timestamp.json') ?? []).toString('utf8') };
    expect(await outcome(refresh(cached))).toEqual({ ok: false, reason: 'TUF_EXPIRED' });
  });
});
