// `provenance-lens audit LOCKFILE` and `audit --diff OLD NEW`: read the lockfile(s), check each
// registry package the way the extension does (cache first), apply pins and --require, print,
// and answer the exit code (0 policy passed, 1 failed; bad input throws, exit 2).
import type { TrustInput } from '../../core/index';
import type { CliCommand } from '../args';
import { EXIT_NOT_VERIFIED, EXIT_VERIFIED } from '../cli-error';
import { createChecker, uniquePackages } from './audit-checker';
import { diffChanges, diffHuman, diffJson, diffPairs, installKey, sourceChanges } from './audit-diff';
import { humanReport, jsonReport, sarifReport, type AuditReport } from './audit-output';
import { judge, otherFailure, readPinsFile, type Pins } from './audit-policy';
import { readLockfile, type LockfileContext } from './read-lockfile';
import { registryBases } from './registry-endpoints';

type AuditCommand = Extract<CliCommand, { kind: 'audit' }>;

export async function runAudit(command: AuditCommand, print: (text: string) => void, live: TrustInput | undefined, env = process.env): Promise<number> {
  const bases = registryBases(env);
  const pins: Pins = command.pinsFile !== undefined ? readPinsFile(command.pinsFile) : new Map();
  const context: LockfileContext = { npmOrigin: bases.npm.origin, pypiBase: bases.pypi.href };
  if (command.diffFrom !== undefined) {
    const before = readLockfile(command.diffFrom, context);
    const after = readLockfile(command.lockfile, context);
    const check = createChecker(command.common, live, bases, env);
    const pairs = diffPairs(before, after);
    // Verdicts by what was checked (package and lockfile digests): records carry the registry's
    // spelling of a name and no digests, so they cannot be matched back by name@version.
    const packages = uniquePackages(pairs.flatMap((p) => (p.previous ? [p.pkg, p.previous] : [p.pkg])));
    const records = await check(packages);
    const checked = new Map(packages.map((p, i) => [installKey(p), records[i]]));
    const changes = [...diffChanges(pairs, (p) => checked.get(installKey(p)), pins, command.require), ...sourceChanges(before, after, command.require)];
    const passed = changes.every((c) => !c.failing);
    print(command.output === 'json' ? JSON.stringify(diffJson(command.diffFrom, command.lockfile, changes, passed)) : diffHuman(command.diffFrom, command.lockfile, changes, passed));
    return passed ? EXIT_VERIFIED : EXIT_NOT_VERIFIED;
  }
  const lock = readLockfile(command.lockfile, context);
  const packages = uniquePackages(lock.packages);
  const records = await createChecker(command.common, live, bases, env)(packages);
  const judged = judge(records, pins, command.require).map((j, i) => (packages[i]?.line !== undefined ? { ...j, line: packages[i]?.line } : j));
  const other = lock.other.map((o) => {
    const failure = otherFailure(o, command.require);
    return failure ? { ...o, failure } : o;
  });
  const passed = judged.every((j) => j.failure === undefined) && other.every((o) => !('failure' in o));
  const report: AuditReport = { lockfile: command.lockfile, format: lock.format, require: command.require, packages: judged, other, passed };
  if (command.output === 'json') print(JSON.stringify(jsonReport(report)));
  else if (command.output === 'sarif') print(JSON.stringify(sarifReport(report), null, 2));
  else print(humanReport(report));
  return passed ? EXIT_VERIFIED : EXIT_NOT_VERIFIED;
}
