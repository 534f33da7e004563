// `verify bundle`: a plain Sigstore bundle over an artifact, with the caller's identity or key
// policy (the shape sigstore-conformance drives verifiers with).
import {
  verifyBundle,
  type ArtifactVerdict,
  type BundleArtifact,
  type BundlePolicy,
  type TrustContext,
} from '../core/index';
import type { BundlePolicyOption, CliCommand } from './args';
import { inputError } from './cli-error';
import { parseJsonText, readInputBytes, readInputText } from './read-input';

type BundleCommand = Extract<CliCommand, { kind: 'bundle' }>;

export function runVerifyBundle(command: BundleCommand, loadTrust: () => TrustContext): ArtifactVerdict {
  const parsed = parseJsonText(readInputText(command.bundleFile, '--bundle file'));
  // The bytes, not a digest we compute: message-signature bundles are verified over the data.
  const artifact: BundleArtifact =
    'file' in command.artifact
      ? { bytes: readInputBytes(command.artifact.file, '--artifact file') }
      : { sha256: command.artifact.sha256 };
  const policy = bundlePolicy(command.policy);
  const trust = loadTrust();
  if (!parsed.ok) return { status: 'invalid', code: 'PARSE_JSON', message: `bundle is ${parsed.message}` };
  return verifyBundle(parsed.value, artifact, policy, trust);
}

function bundlePolicy(option: BundlePolicyOption): BundlePolicy {
  // Identity policies pass through as parsed: the core compares them exactly or anchored.
  if (!('key' in option)) return option;
  // `--key` names a PEM file; a PEM pasted inline is accepted too, it cannot be a file name.
  const pem = option.key.startsWith('-----BEGIN') ? option.key : readInputText(option.key, '--key file');
  if (!/-----BEGIN [A-Z ]*PUBLIC KEY-----/.test(pem)) {
    throw inputError(`--key ${JSON.stringify(option.key)} is not a PEM public key`);
  }
  return { publicKeyPem: pem };
}
