// The checking half of `audit`, shared by a single lockfile and by --diff: registry bases,
// trust, the on-disk cache and bounded concurrency around auditPackage.
import { Presets, SingleBar } from 'cli-progress';
import { verifyNpmAttestations, verifyPypiProvenance, type TrustInput } from '../../core/index';
import { createLimitedFetcher } from '../../background/fetch-limited';
import type { AdapterDeps } from '../../registries/adapter';
import { mapLimit } from '../../registries/concurrency';
import type { CommonOptions } from '../args';
import { trustIdOf } from '../trust-id';
import { resolveTrust } from '../trust-options';
import { auditCacheDir, openAuditCache } from './audit-cache';
import { auditPackage } from './audit-package';
import { recordOf, type AuditRecord } from './audit-record';
import type { RegistryPackage } from './locked-package';
import { fetcherOnBases, offlineFetcher, type RegistryBases } from './registry-endpoints';

/** Packages checked at once; requests are capped per host below that (fetch-limited.ts). */
const PACKAGE_CONCURRENCY = 16;
const PER_HOST = 8;

// A progress bar on stderr while packages are checked, only when stderr is a terminal: logs,
// CI and pipes get nothing, and stdout (the report, the JSON) is never touched.
interface Progress {
  tick(): void;
  stop(): void;
}

const SILENT: Progress = { tick: () => undefined, stop: () => undefined };

function startProgress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || total === 0) return SILENT;
  const bar = new SingleBar({ stream, clearOnComplete: true, hideCursor: true, format: 'checking provenance {bar} {value}/{total}' }, Presets.shades_classic);
  bar.start(total, 0);
  return { tick: () => bar.increment(), stop: () => bar.stop() };
}

/** One key per distinct install: npm nests the same version at several paths. */
export function packageId(p: RegistryPackage): string {
  return JSON.stringify([p.registry, p.name, p.version, p.integrity ?? '', (p.files ?? []).map((f) => f.sha256).sort()]);
}

export function uniquePackages(packages: readonly RegistryPackage[]): RegistryPackage[] {
  const seen = new Map<string, RegistryPackage>();
  for (const p of packages) if (!seen.has(packageId(p))) seen.set(packageId(p), p);
  return [...seen.values()];
}

export type CheckPackages = (packages: readonly RegistryPackage[]) => Promise<AuditRecord[]>;

export function createChecker(common: CommonOptions, live: TrustInput | undefined, bases: RegistryBases, env: NodeJS.ProcessEnv): CheckPackages {
  const trust = resolveTrust(common, live);
  const id = trustIdOf(common, live);
  const fetcher = common.offline === true ? offlineFetcher : fetcherOnBases(createLimitedFetcher({ perHost: PER_HOST }), bases);
  const deps: AdapterDeps = { fetcher, verifiers: { verifyNpmAttestations, verifyPypiProvenance }, trust, now: () => Date.now() };
  return async (packages) => {
    const cache = openAuditCache(auditCacheDir(env), id);
    const progress = startProgress(packages.length);
    try {
      return await mapLimit(packages, PACKAGE_CONCURRENCY, async (pkg) => {
        const cached = cache.get(pkg);
        if (cached) {
          progress.tick();
          return cached;
        }
        const { verdict, bound, continuityKnown } = await auditPackage(pkg, deps);
        const record = recordOf(verdict, bound);
        if (continuityKnown) cache.put(pkg, record);
        progress.tick();
        return record;
      });
    } finally {
      progress.stop();
      cache.save();
    }
  };
}
