// The shape of `.tmp/e2e-testca/scenarios.json`: written by scripts/e2e-prepare.ts, read by the
// fixture server. Signed documents live beside it as separate files, named by relative paths.

export interface GeneratedPypiFile {
  filename: string;
  packagetype: 'sdist' | 'bdist_wheel';
  sha256: string;
  /** Relative path of the Integrity API provenance object; null = 404 (no provenance). */
  provenance: string | null;
}

export interface GeneratedPypiRelease {
  version: string;
  /** ISO time every file of the release was uploaded (continuity orders by it). */
  uploaded: string;
  files: GeneratedPypiFile[];
}

export interface GeneratedPypiProject {
  name: string;
  summary: string;
  markup: 'new' | 'old';
  /** The version `/project/<name>/` and `/pypi/<name>/json` describe. */
  latest: string;
  releases: GeneratedPypiRelease[];
  /** A fault the Integrity API applies to this project's files (see e2e/server/fault-routes.ts). */
  fault?: string;
}

export interface GeneratedNpmVersion {
  version: string;
  published: string;
  /** The version document exactly as the registry serves it (dist.signatures, dist.attestations). */
  document: Record<string, unknown>;
  /** Relative path of the attestations endpoint response; null = 404. */
  attestations: string | null;
}

export interface GeneratedNpmPackage {
  name: string;
  description: string;
  latest: string;
  versions: GeneratedNpmVersion[];
}

export interface GeneratedScenarios {
  format: 1;
  pypi: GeneratedPypiProject[];
  npm: GeneratedNpmPackage[];
  /** PyPI search query (lower case) -> project names listed, in order. */
  pypiSearches: Record<string, string[]>;
}
