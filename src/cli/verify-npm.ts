// `verify npm`: the registry's attestations response for one version, bound to the version's
// dist.integrity; --version-doc adds the registry signatures (dist.signatures) to check too.
import { verifyNpmAttestations, type ArtifactVerdict, type NpmVersionInfo, type TrustContext } from '../core/index';
import { NPM_REGISTRY_ORIGIN } from '../registries/npm/hosts';
import type { CliCommand } from './args';
import { inputError, usageError } from './cli-error';
import { parseJsonText, readInputText, readTrustedJson } from './read-input';

type NpmCommand = Extract<CliCommand, { kind: 'npm' }>;
type Signature = { keyid: string; sig: string };

export function runVerifyNpm(command: NpmCommand, loadTrust: () => TrustContext): ArtifactVerdict {
  const parsed = parseJsonText(readInputText(command.attestationsFile, '--attestations file'));
  const version: NpmVersionInfo = {
    name: command.name,
    version: command.version,
    integrity: command.integrity,
    registry: NPM_REGISTRY_ORIGIN,
  };
  if (command.versionDocFile !== undefined) {
    const signatures = readSignatures(command.versionDocFile, command);
    if (signatures !== undefined) version.signatures = signatures;
  }
  const trust = loadTrust();
  if (!parsed.ok) return { status: 'invalid', code: 'PARSE_JSON', message: `attestations are ${parsed.message}` };
  // A lone publish attestation comes back as `none` with registrySigned (issue 13.3), exit 1.
  return verifyNpmAttestations(parsed.value, version, trust);
}

/**
 * Accepts a version document (`versions[v]` of a packument, or `npm view --json` output) or a
 * whole packument. Its integrity must agree with --integrity: two different digests on one
 * command line are a mistake to point out, not something to verify against.
 */
function readSignatures(path: string, command: NpmCommand): Signature[] | undefined {
  const doc = readTrustedJson(path, '--version-doc file');
  const versionDoc = pickVersion(doc, command.version);
  const dist = isRecord(versionDoc) ? versionDoc.dist : undefined;
  if (!isRecord(dist)) throw inputError(`--version-doc ${JSON.stringify(path)} has no dist object`);
  if (typeof dist.integrity === 'string' && dist.integrity !== command.integrity) {
    throw usageError('--integrity differs from dist.integrity in --version-doc');
  }
  if (dist.signatures === undefined || dist.signatures === null) return undefined;
  if (!Array.isArray(dist.signatures) || !dist.signatures.every(isSignature)) {
    throw inputError(`--version-doc ${JSON.stringify(path)}: dist.signatures is not [{keyid, sig}]`);
  }
  return dist.signatures.map((s) => ({ keyid: s.keyid, sig: s.sig }));
}

function pickVersion(doc: unknown, version: string): unknown {
  if (isRecord(doc) && isRecord(doc.versions)) return doc.versions[version];
  return doc;
}

function isSignature(value: unknown): value is Signature {
  return isRecord(value) && typeof value.keyid === 'string' && typeof value.sig === 'string';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
