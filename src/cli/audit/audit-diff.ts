// `audit --diff OLD NEW`: only what a dependency update changes. Each package version NEW adds
// is checked, with the version of the same package it replaces; reported are provenance lost,
// publisher changed, failed checks (and broken pins), newly added packages without provenance,
// and downgrades. The first three fail the run; the last two fail only a stricter --require.
import { continuityNote } from '../../core/continuity';
import { normalizePypiName } from '../../shared/package-names';
import { compareSemver, comparePep440 } from '../../registries/version-order';
import { packageId } from './audit-checker';
import { judge, type Judged, type Pins, type Requirement } from './audit-policy';
import type { AuditRecord } from './audit-record';
import { safe, whoText } from './audit-output';
import type { ParsedLockfile, RegistryPackage } from './locked-package';

export type DiffKind = 'check-failed' | 'provenance-lost' | 'publisher-changed' | 'newly-unattested' | 'unavailable' | 'version-downgraded';

export interface DiffChange {
  kind: DiffKind;
  failing: boolean;
  detail: string;
  from?: string;
  now: Judged;
}

export interface DiffPair {
  pkg: RegistryPackage;
  previous?: RegistryPackage;
}

const nameKey = (p: RegistryPackage) => `${p.registry}:${p.registry === 'pypi' ? normalizePypiName(p.name) : p.name}`;
const compare = (p: RegistryPackage, a: string, b: string) => (p.registry === 'npm' ? (compareSemver(a, b) ?? 0) : comparePep440(a, b));

/** Each install NEW has that OLD had not, with the version of the same package it replaces. */
export function diffPairs(before: ParsedLockfile, after: ParsedLockfile): DiffPair[] {
  const old = new Map<string, RegistryPackage[]>();
  for (const p of before.packages) old.set(nameKey(p), [...(old.get(nameKey(p)) ?? []), p]);
  const oldIds = new Set(before.packages.map(packageId));
  const newVersions = new Set(after.packages.map((p) => `${nameKey(p)}@${p.version}`));
  const pairs: DiffPair[] = [];
  for (const pkg of after.packages) {
    if (oldIds.has(packageId(pkg))) continue;
    const candidates = old.get(nameKey(pkg)) ?? [];
    // The version this one replaces: the highest old one NEW no longer has, else the highest.
    const gone = candidates.filter((c) => !newVersions.has(`${nameKey(c)}@${c.version}`));
    const pool = gone.length > 0 ? gone : candidates;
    const previous = pool.reduce<RegistryPackage | undefined>((best, c) => (!best || compare(c, c.version, best.version) > 0 ? c : best), undefined);
    pairs.push(previous ? { pkg, previous } : { pkg });
  }
  return pairs;
}

export function diffChanges(pairs: readonly DiffPair[], records: readonly AuditRecord[], pins: Pins, require: Requirement): DiffChange[] {
  const byId = new Map<string, AuditRecord>();
  for (const r of records) byId.set(`${r.registry}:${r.name}@${r.version}`, r);
  const find = (p: RegistryPackage) => byId.get(`${p.registry}:${p.name}@${p.version}`);
  const changes: DiffChange[] = [];
  for (const { pkg, previous } of pairs) {
    const record = find(pkg);
    if (!record) continue;
    const now = judge([record], pins, 'any')[0] as Judged;
    const before = previous ? find(previous) : undefined;
    const from = previous?.version;
    const add = (kind: DiffKind, failing: boolean, detail: string) => changes.push({ kind, failing, detail, now, ...(from !== undefined ? { from } : {}) });
    if (now.failure !== undefined) add('check-failed', true, `${now.failure}${now.code ? ` [${now.code}]` : ''}: ${now.message ?? ''}`);
    else if (now.status === 'unavailable') add('unavailable', require !== 'any', `couldn't check [${now.code ?? ''}]`);
    else if (before && (before.status === 'verified' || before.status === 'partial') && before.identity) {
      const current = now.status === 'verified' || now.status === 'partial' ? (now.identity ?? null) : null;
      const note = continuityNote(current, [{ version: before.version, identity: before.identity }]);
      if (note?.kind === 'provenance-lost') add('provenance-lost', true, `provenance lost (${from} was signed by ${whoText(before.identity)})`);
      else if (note) add('publisher-changed', true, `publisher changed: ${note.field} ${note.from} → ${note.to}`);
    } else if (!previous && now.status === 'none') add('newly-unattested', require !== 'any', 'new dependency without provenance');
    if (previous && compare(pkg, pkg.version, previous.version) < 0) add('version-downgraded', require !== 'any', `downgraded from ${previous.version}`);
  }
  return changes;
}

export function diffHuman(before: string, after: string, changes: readonly DiffChange[], passed: boolean): string {
  const lines = changes.map((c) => `  ${c.failing ? 'FAIL' : 'note'} ${`${c.now.registry}:${c.now.name}`.padEnd(36)} ${(c.from ? `${c.from} → ${c.now.version}` : `+ ${c.now.version}`).padEnd(20)} ${safe(c.detail)}`);
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
      registry: c.now.registry,
      name: c.now.name,
      ...(c.from !== undefined ? { from: c.from } : {}),
      version: c.now.version,
      status: c.now.status,
      ...(c.now.code ? { code: c.now.code } : {}),
      ...(c.now.identity ? { identity: c.now.identity } : {}),
      detail: c.detail,
    })),
  };
}
