// `audit --diff` rules that need no registry: NEW's policy failures, installs without a verdict,
// and packages NEW no longer takes from the registry.
// (The end-to-end cases against a local registry are in audit-cli.test.ts and review5-diff-*.)
import { describe, expect, it } from 'vitest';
import { diffChanges, diffPairs, installKey, sourceChanges } from './audit-diff';
import type { AuditRecord } from './audit-record';
import type { ParsedLockfile, RegistryPackage } from './locked-package';

const npm = (name: string, version: string, integrity = `sha512-${'A'.repeat(86)}==`): RegistryPackage => ({ registry: 'npm', name, version, integrity });
const lock = (packages: RegistryPackage[], other: ParsedLockfile['other'] = []): ParsedLockfile => ({ format: 'test', packages, other });
const none = (p: RegistryPackage): AuditRecord => ({ registry: p.registry, name: p.name, version: p.version, status: 'none', bound: true });
const kinds = (changes: { kind: string; failing: boolean }[]) => changes.map((c) => `${c.kind}${c.failing ? '!' : ''}`);

describe('audit --diff', () => {
  const before = lock([npm('a', '1.0.0')]);
  const after = lock([npm('a', '1.1.0')]);
  const records = new Map([...before.packages, ...after.packages].map((p) => [installKey(p), none(p)]));
  const recordOf = (p: RegistryPackage) => records.get(installKey(p));

  it('an update between two releases without provenance passes --require any and fails --require attested', () => {
    const pairs = diffPairs(before, after);
    expect(kinds(diffChanges(pairs, recordOf, new Map(), 'any'))).toEqual([]);
    expect(kinds(diffChanges(pairs, recordOf, new Map(), 'attested'))).toEqual(['policy-failed!']);
  });

  it('the same version with other digests is reviewed; an install without a verdict fails', () => {
    const pairs = diffPairs(before, lock([npm('a', '1.0.0', `sha512-${'B'.repeat(86)}==`)]));
    expect(pairs.map((p) => p.previous?.version)).toEqual(['1.0.0']);
    expect(kinds(diffChanges(pairs, () => undefined, new Map(), 'any'))).toEqual(['check-failed!']);
  });

  it('a registry package NEW takes from elsewhere fails under every policy; an unchanged git one only under --require', () => {
    const git = { registry: 'npm' as const, name: 'g', source: 'git' };
    const moved = lock([], [{ registry: 'npm', name: 'a', version: '1.0.0', source: 'url' }, git]);
    expect(kinds(sourceChanges(lock(before.packages, [git]), moved, 'any'))).toEqual(['moved-off-registry!']);
    expect(kinds(sourceChanges(lock(before.packages, [git]), moved, 'attested'))).toEqual(['moved-off-registry!', 'not-from-registry!']);
  });

  it('PyPI names pair in their PEP 503 form: a respelling of the same files is no change, a new version replaces the old', () => {
    const file = (sha: string) => [{ filename: 'sampleproject-4.0.0.tar.gz', sha256: sha.repeat(64) }];
    const old = lock([{ registry: 'pypi', name: 'Sample.Project', version: '4.0.0', files: file('a') }]);
    expect(diffPairs(old, lock([{ registry: 'pypi', name: 'sample_project', version: '4.0.0', files: file('a') }]))).toEqual([]);
    const next: RegistryPackage = { registry: 'pypi', name: 'SAMPLE-project', version: '4.0.1', files: file('b') };
    expect(diffPairs(old, lock([next]))).toEqual([{ pkg: next, previous: old.packages[0] }]);
  });

  it('a package NEW keeps byte-identical is not reviewed, whatever its verdict', () => {
    expect(diffPairs(before, lock([npm('a', '1.0.0'), npm('b', '2.0.0')])).map((p) => p.pkg.name)).toEqual(['b']);
  });
});
