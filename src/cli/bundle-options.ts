// `verify bundle`'s artifact and policy options. `--identity`/`--issuer` are exact; patterns
// only through `--identity-regexp`/`--issuer-regexp`, matched against the whole value (cosign's
// `--certificate-identity-regexp` convention), so `.` or a prefix of a SAN never passes.
import type { BundlePolicy } from '../core/index';
import { usageError } from './cli-error';
import { parseDigestOption } from './digest-options';

export type BundleArtifactOption = { file: string } | { sha256: string };
export type BundlePolicyOption = Exclude<BundlePolicy, { publicKeyPem: string }> | { key: string };

/** The options this file reads, each a non-empty string when present. */
export interface BundleOptionValues {
  artifact?: string;
  digest?: string;
  identity?: string;
  'identity-regexp'?: string;
  issuer?: string;
  'issuer-regexp'?: string;
  key?: string;
}

export function bundleArtifact(values: BundleOptionValues): BundleArtifactOption {
  const { artifact, digest } = values;
  if ((artifact === undefined) === (digest === undefined)) {
    throw usageError('give exactly one of --artifact FILE or --digest sha256:HEX');
  }
  return artifact !== undefined ? { file: artifact } : { sha256: parseDigestOption(digest ?? '') };
}

export function bundlePolicyOption(values: BundleOptionValues): BundlePolicyOption {
  const identityGiven = values.identity !== undefined || values['identity-regexp'] !== undefined;
  const issuerGiven = values.issuer !== undefined || values['issuer-regexp'] !== undefined;
  if (values.key !== undefined) {
    if (identityGiven || issuerGiven) throw usageError('--key cannot be combined with --identity/--issuer options');
    return { key: values.key };
  }
  if (!identityGiven || !issuerGiven) {
    throw usageError('give --identity SAN (or --identity-regexp) and --issuer URL (or --issuer-regexp) together, or --key PEM');
  }
  const san = exactOrPattern(values, 'identity');
  const issuer = exactOrPattern(values, 'issuer');
  // Spelled out per combination: BundlePolicy is a union of exactly these four shapes.
  if ('exact' in san) {
    return 'exact' in issuer
      ? { identity: san.exact, issuer: issuer.exact }
      : { identity: san.exact, issuerRegExp: issuer.pattern };
  }
  return 'exact' in issuer
    ? { identityRegExp: san.pattern, issuer: issuer.exact }
    : { identityRegExp: san.pattern, issuerRegExp: issuer.pattern };
}

function exactOrPattern(values: BundleOptionValues, name: 'identity' | 'issuer'): { exact: string } | { pattern: string } {
  const exact = values[name];
  const pattern = values[`${name}-regexp`];
  if (exact !== undefined && pattern !== undefined) throw usageError(`give --${name} or --${name}-regexp, not both`);
  if (exact !== undefined) return { exact };
  checkPattern(pattern ?? '', `--${name}-regexp`);
  return { pattern: pattern ?? '' };
}

/**
 * A pattern the core could not compile is the caller's mistake (exit 2), found before any file
 * is read. Compiled exactly as the core compiles it (src/core/bundle.ts anchoredRegExp).
 */
function checkPattern(pattern: string, option: string): void {
  try {
    new RegExp(`^(?:${pattern})$`, 'u');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw usageError(`${option} is not a valid regular expression: ${reason}`);
  }
}
