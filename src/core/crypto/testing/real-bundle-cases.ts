// The real fixture bundles as verification cases: every PyPI attestation (converted to a
// bundle v0.3 the way pypi-attestations does, MANIFEST "How the expectations were
// established"), every npm attestation bundle, every sigstore-conformance case.
// Takes the fixtures folder as an argument so the benchmark can use it outside vitest.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { attestationToBundle } from '../../pep740';

export interface BundleCase {
  name: string;
  group: 'pypi' | 'npm' | 'conformance';
  /** Serialized bundle JSON; a string when the file is not valid JSON (a conformance case). */
  bundle: unknown;
  trustedRoot: unknown;
  /** npm registry keys.json, for publish attestations signed by a registry key. */
  npmKeys?: unknown;
  /** PEM key to verify with instead of a certificate (conformance `key.pub`). */
  keyPem?: string;
  artifact?: Uint8Array;
  policy?: { subjectAlternativeName: string; extensions: { issuer: string } };
}

/** PEP 740 attestation object -> Sigstore bundle v0.3 JSON, exactly as the core maps it. */
export const pypiAttestationToBundle = attestationToBundle;

const DEFAULT_IDENTITY =
  'https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main';
const DEFAULT_ISSUER = 'https://token.actions.githubusercontent.com';

function filesUnder(root: string, dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((entry) => {
    const rel = `${dir}/${entry}`;
    return statSync(join(root, rel)).isDirectory() ? filesUnder(root, rel) : [rel];
  });
}

export function loadBundleCases(fixturesDir: string): BundleCase[] {
  const json = (rel: string): unknown => JSON.parse(readFileSync(join(fixturesDir, rel), 'utf8'));
  const production = json('sigstore/trusted_root.json');
  const npmKeys = json('sigstore/npm-registry-keys.json');
  const cases: BundleCase[] = [];

  for (const rel of filesUnder(fixturesDir, 'pypi').sort()) {
    const base = { group: 'pypi' as const, trustedRoot: production };
    if (/\.attestation(\.json)?$/.test(rel)) {
      cases.push({ ...base, name: rel, bundle: pypiAttestationToBundle(json(rel)) });
    } else if (/\.provenance(\.json)?$/.test(rel)) {
      const prov = json(rel) as { attestation_bundles: { attestations: unknown[] }[] };
      prov.attestation_bundles.forEach((group, g) =>
        group.attestations.forEach((att, a) =>
          cases.push({ ...base, name: `${rel}#${g}.${a}`, bundle: pypiAttestationToBundle(att) }),
        ),
      );
    } else if (rel.endsWith('.sigstore')) {
      cases.push({ ...base, name: rel, bundle: json(rel) });
    }
  }

  for (const rel of filesUnder(fixturesDir, 'npm').sort()) {
    const base = { group: 'npm' as const, trustedRoot: production, npmKeys };
    if (rel.endsWith('.sigstore.json')) {
      cases.push({ ...base, name: rel, bundle: json(rel) });
    } else if (rel.endsWith('.json') && rel.includes('.attestations')) {
      const response = json(rel) as { attestations: { predicateType: string; bundle: unknown }[] };
      response.attestations.forEach((item, i) =>
        cases.push({ ...base, name: `${rel}#${i} ${item.predicateType.split('/').slice(-2).join('/')}`, bundle: item.bundle }),
      );
    }
  }

  const conformance = 'sigstore/conformance';
  const defaultArtifact = readFileSync(join(fixturesDir, conformance, 'a.txt'));
  for (const entry of readdirSync(join(fixturesDir, conformance)).sort()) {
    const dir = `${conformance}/${entry}`;
    if (!existsSync(join(fixturesDir, dir, 'bundle.sigstore.json'))) continue;
    const has = (file: string): boolean => existsSync(join(fixturesDir, dir, file));
    const text = (file: string): string => readFileSync(join(fixturesDir, dir, file), 'utf8');
    const raw = text('bundle.sigstore.json');
    let bundle: unknown;
    try {
      bundle = JSON.parse(raw);
    } catch {
      bundle = raw;
    }
    const keyPem = has('key.pub') ? text('key.pub') : undefined;
    cases.push({
      name: dir,
      group: 'conformance',
      bundle,
      trustedRoot: has('trusted_root.json') ? json(`${dir}/trusted_root.json`) : production,
      artifact: has('artifact') ? readFileSync(join(fixturesDir, dir, 'artifact')) : defaultArtifact,
      ...(keyPem !== undefined
        ? { keyPem }
        : {
            policy: {
              subjectAlternativeName: has('identity') ? text('identity').trim() : DEFAULT_IDENTITY,
              extensions: { issuer: has('issuer') ? text('issuer').trim() : DEFAULT_ISSUER },
            },
          }),
    });
  }
  return cases;
}
