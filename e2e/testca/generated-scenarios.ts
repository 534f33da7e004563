// Loads what scripts/e2e-prepare.ts generated (.tmp/e2e-testca/scenarios.json and the signed
// documents beside it) and turns it into host handlers that answer before the real-data ones.
import { readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { normalizeProjectName } from '../server/pypi-scenarios';
import type { FaultInjector } from '../server/fault-routes';
import type { SitePackage } from '../server/npm-site/catalogue';
import type { HostHandler } from '../server/responses';
import { generatedNpmRegistryHandler } from './generated-npm-routes';
import { generatedPypiHandler } from './generated-pypi-routes';
import { assertTestcaScenarios, MANIFEST_FILE } from './paths';
import type { GeneratedNpmPackage, GeneratedPypiProject, GeneratedScenarios } from './scenario-manifest';

export interface LoadedScenarios {
  manifest: GeneratedScenarios;
  pypi: Map<string, GeneratedPypiProject>;
  npm: Map<string, GeneratedNpmPackage>;
  /** A generated document's bytes, read when served (so a test may rewrite one between loads). */
  read: (relativePath: string) => Buffer;
}

export function loadGeneratedScenarios(dir: string): LoadedScenarios {
  assertTestcaScenarios(dir);
  const root = resolve(dir);
  const manifest = JSON.parse(readFileSync(join(root, MANIFEST_FILE), 'utf8')) as GeneratedScenarios;
  if (manifest.format !== 1) throw new Error(`${join(root, MANIFEST_FILE)}: unknown format ${String(manifest.format)}; rerun scripts/e2e-prepare.ts`);
  return {
    manifest,
    pypi: new Map(manifest.pypi.map((p) => [normalizeProjectName(p.name), p])),
    npm: new Map(manifest.npm.map((p) => [p.name, p])),
    read: (relativePath) => {
      const target = resolve(root, relativePath);
      if (!target.startsWith(root + sep)) throw new Error(`generated document outside ${root}: ${relativePath}`);
      return readFileSync(target);
    },
  };
}

/** The package list the npm site shell hands its client script. */
export function generatedNpmSitePackages(loaded: LoadedScenarios): SitePackage[] {
  return loaded.manifest.npm.map((p) => ({
    name: p.name,
    description: p.description,
    latest: p.latest,
    versions: p.versions.map(({ version, published }) => ({ version, published })),
  }));
}

export function generatedHandlers(
  loaded: LoadedScenarios,
  fallback: { pypi: HostHandler; npmRegistry: HostHandler },
  faults: FaultInjector,
): { pypi: HostHandler; npmRegistry: HostHandler } {
  return {
    pypi: generatedPypiHandler(loaded, fallback.pypi, faults),
    npmRegistry: generatedNpmRegistryHandler(loaded, fallback.npmRegistry),
  };
}
