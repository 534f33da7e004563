// Chooses the trust material for one run: the production root and npm keys embedded from
// @sigstore/tuf (offline) unless --trusted-root / --keys replace one or both of them.
import { createTrustContext, embeddedTrustContext, embeddedTrustInput, ProvenanceError, type TrustContext } from '../core/index';
import { inputError } from './cli-error';
import type { CommonOptions } from './args';
import { readTrustedJson } from './read-input';

export function resolveTrust(options: CommonOptions): TrustContext {
  const { trustedRootFile, npmKeysFile } = options;
  if (trustedRootFile === undefined && npmKeysFile === undefined) return guard('embedded', embeddedTrustContext);
  // Replacing one half keeps the embedded other half: a staging root says nothing about npm's
  // registry keys, and a newer keys.json says nothing about Sigstore's logs.
  const embedded = embeddedTrustInput();
  const trustedRoot =
    trustedRootFile !== undefined ? readTrustedJson(trustedRootFile, '--trusted-root file') : embedded.trustedRoot;
  const npmKeys = npmKeysFile !== undefined ? readTrustedJson(npmKeysFile, '--keys file') : embedded.npmKeys;
  const label = [trustedRootFile, npmKeysFile].filter((f) => f !== undefined).join(' / ');
  return guard(label, () => createTrustContext({ trustedRoot, npmKeys }));
}

// The user chose this trust material, so an unusable one is bad input (exit 2), not a verdict.
function guard(label: string, build: () => TrustContext): TrustContext {
  try {
    return build();
  } catch (error) {
    if (error instanceof ProvenanceError) {
      throw inputError(`unusable trust material (${label}): ${error.message.split('\n')[0] ?? error.code}`);
    }
    throw error;
  }
}
