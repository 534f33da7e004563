// `audit --diff OLD NEW`: only what a dependency update changes. Reviewed is every install NEW
// has that OLD did not have byte-identically (another version, or the same version with other
// digests), with the version of the same package it replaces: failed checks (and broken pins),
// provenance lost and publisher changed fail the run; a new package without provenance and a
// downgrade are notes that fail a stricter --require, as does any other policy failure of NEW's.
// A registry package that NEW takes from elsewhere can no longer be checked: that always fails.
import { continuityNote } from '../../core/continuity';
import type { Registry } from '../../core/verdict';
import { normalizePypiName } from '../../shared/package-names';
import { compareSemver, comparePep440 } from '../../registries/version-order';
import { judge, otherFailure, type Judged, type Pins, type Requirement } from './audit-policy';
import type { AuditRecord } from './audit-record';
import { safe, whoText } from './audit-output';
import type { OtherSource, ParsedLockfile, RegistryPackage } from './locked-package';

export type DiffKind = 'check-failed' | 'provenance-lost' | 'publisher-changed' | 'newly-unattested' | 'unavailable' | 'version-downgraded' | 'policy-failed' | 'moved-off-registry' | 'not-from-registry';

export interface DiffChange {
  kind: DiffKind;
  failing: boolean;
  detail: string;
  registry: Registry;
  name: string;
  version?: string;
  from?: string;
  /** NEW's verdict on the install; absent when it was not checked or is not from the registry. */
  now?: Judged;
  /** Where NEW takes a package from instead of the registry. */
  source?: string;
}

export interface DiffPair {
  pkg: RegistryPackage;
  previous?: RegistryPackage;
}

// PyPI treats `SampleProject` and `sampleproject` as one project (PEP 503); npm names are exact.
const nameKey = (p: { registry: Registry; name: string }) => `${p.registry}:${p.registry === 'pypi' ? normalizePypiName(p.name) : p.name}`;
const compare = (p: RegistryPackage, a: string, b: string) => (p.registry === 'npm' ? (compareSemver(a, b) ?? 0) : comparePep440(a, b));

/** What was checked: the package and the bytes the lock installs, so OLD's verdict never stands in for NEW's. */
export function installKey(p: RegistryPackage): string {
  return JSON.stringify([nameKey(p), p.version, p.integrity ?? '', (p.files ?? []).map((f) => `${f.filename ?? ''}:${f.sha256}`).sort()]);
}

/** Each install NEW has that OLD had not byte-identically, with the version of the same package it replaces. */
export function diffPairs(before: ParsedLockfile, after: ParsedLockfile): DiffPair[] {
  const old = new Map<string, RegistryPackage[]>();
  for (const p of before.packages) old.set(nameKey(p), [...(old.get(nameKey(p)) ?? []), p]);
  const oldIds = new Set(before.packages.map(installKey));
  const newVersions = new Set(after.packages.map((p) => `${nameKey(p)}@${p.version}`));
  const seen = new Set<string>();
  const pairs: DiffPair[] = [];
  for (const pkg of after.packages) {
    if (oldIds.has(installKey(pkg)) || seen.has(installKey(pkg))) continue;
    seen.add(installKey(pkg));
    const candidates = old.get(nameKey(pkg)) ?? [];
    // The version this one replaces: the highest old one NEW no longer has, else the highest
    // (for the same version with other digests, that is the old install of it).
    const gone = candidates.filter((c) => !newVersions.has(`${nameKey(c)}@${c.version}`));
    const pool = gone.length > 0 ? gone : candidates;
    const previous = pool.reduce<RegistryPackage | undefined>((best, c) => (!best || compare(c, c.version, best.version) > 0 ? c : best), undefined);
    pairs.push(previous ? { pkg, previous } : { pkg });
  }
  return pairs;
}

export type RecordOf = (pkg: RegistryPackage) => AuditRecord | undefined;

export function diffChanges(pairs: readonly DiffPair[], recordOf: RecordOf, pins: Pins, require: Requirement): DiffChange[] {
  const changes: DiffChange[] = [];
  for (const { pkg, previous } of pairs) {
    const from = previous?.version;
    const at = { registry: pkg.registry, name: pkg.name, version: pkg.version, ...(from !== undefined ? { from } : {}) };
    const record = recordOf(pkg);
    if (!record) {
      // Every install is checked before this runs; one without a verdict is not "no change".
      changes.push({ kind: 'check-failed', failing: true, detail: 'was not checked', ...at });
      continue;
    }
    const now = judge([record], pins, 'any')[0] as Judged;
    const policy = (judge([record], pins, require)[0] as Judged).failure;
    const before = previous ? recordOf(previous) : undefined;
    const own: DiffChange[] = [];
    const add = (kind: DiffKind, failing: boolean, detail: string) => own.push({ kind, failing, detail, ...at, name: now.name, now });
    if (now.failure !== undefined) add('check-failed', true, `${now.failure}${now.code ? ` [${now.code}]` : ''}: ${now.message ?? ''}`);
    else if (now.status === 'unavailable') add('unavailable', require !== 'any', `couldn't check [${now.code ?? ''}]`);
    else if (before && (before.status === 'verified' || before.status === 'partial') && before.identity) {
      const current = now.status === 'verified' || now.status === 'partial' ? (now.identity ?? null) : null;
      const note = continuityNote(current, [{ version: before.version, identity: before.identity }]);
      if (note?.kind === 'provenance-lost') add('provenance-lost', true, `provenance lost (${from} was signed by ${whoText(before.identity)})`);
      else if (note) add('publisher-changed', true, `publisher changed: ${note.field} ${note.from} → ${note.to}`);
    } else if (!previous && now.status === 'none') add('newly-unattested', require !== 'any', 'new dependency without provenance');
    if (previous && compare(pkg, pkg.version, previous.version) < 0) add('version-downgraded', require !== 'any', `downgraded from ${previous.version}`);
    // NEW's install fails --require as it would in `audit NEW`, even when its status is unchanged.
    if (policy !== undefined && !own.some((c) => c.failing && c.kind !== 'version-downgraded')) add('policy-failed', true, policy);
    changes.push(...own);
  }
  return changes;
}

const otherKey = (o: OtherSource) => JSON.stringify([nameKey(o), o.version ?? '', o.source]);

/** NEW's packages not from the registry: moved off it since OLD, or failing --require as in `audit NEW`. */
export function sourceChanges(before: ParsedLockfile, after: ParsedLockfile, require: Requirement): DiffChange[] {
  const fromRegistry = new Map<string, RegistryPackage[]>();
  for (const p of before.packages) fromRegistry.set(nameKey(p), [...(fromRegistry.get(nameKey(p)) ?? []), p]);
  const oldOther = new Set(before.other.map(otherKey));
  const changes: DiffChange[] = [];
  for (const o of after.other) {
    const at = { registry: o.registry, name: o.name, source: o.source, ...(o.version !== undefined ? { version: o.version } : {}) };
    const was = oldOther.has(otherKey(o)) ? [] : (fromRegistry.get(nameKey(o)) ?? []);
    const previous = was.find((p) => p.version === o.version) ?? was[0];
    const failure = otherFailure(o, require);
    // Its bytes can no longer be checked against any provenance: no policy accepts that silently.
    if (previous) changes.push({ kind: 'moved-off-registry', failing: true, detail: `moved off the registry (${o.source}; can no longer be checked)`, from: previous.version, ...at });
    // These name no digest to compare with OLD's, so they are judged whether or not OLD had them.
    else if (failure !== undefined) changes.push({ kind: 'not-from-registry', failing: true, detail: failure, ...at });
  }
  return changes;
}

// Printed: a table with one summary line, or (--json) one object per change with NEW's verdict.
const versions = (c: DiffChange) => {
  const now = c.version ?? c.source ?? '?';
  return c.from !== undefined ? `${c.from} → ${now}` : `+ ${now}`;
};

export function diffHuman(before: string, after: string, changes: readonly DiffChange[], passed: boolean): string {
  const lines = changes.map((c) => `  ${c.failing ? 'FAIL' : 'note'} ${safe(`${c.registry}:${c.name}`).padEnd(36)} ${safe(versions(c)).padEnd(20)} ${safe(c.detail)}`);
  const failing = changes.filter((c) => c.failing).length;
  lines.push(`${safe(before)} → ${safe(after)}: ${changes.length} changes to review, ${failing} failing · policy ${passed ? 'passed' : 'FAILED'}`);
  return lines.join('\n');
}

export function diffJson(before: string, after: string, changes: readonly DiffChange[], passed: boolean): object {
  return {
    old: before,
    new: after,
    passed,
    changes: changes.map((c) => ({
      kind: c.kind,
      failing: c.failing,
      registry: c.registry,
      name: c.name,
      ...(c.from !== undefined ? { from: c.from } : {}),
      ...(c.version !== undefined ? { version: c.version } : {}),
      ...(c.source !== undefined ? { source: c.source } : {}),
      ...(c.now ? { status: c.now.status } : {}),
      ...(c.now?.code ? { code: c.now.code } : {}),
      ...(c.now?.identity ? { identity: c.now.identity } : {}),
      detail: c.detail,
    })),
  };
}
