// Chooses the trust material for one run: the live material (refreshed over TUF, or cached;
// tuf-cache.ts) or, without it, the production root and npm keys embedded from @sigstore/tuf,
// unless --trusted-root / --keys replace one or both of them (then nothing is refreshed).
import { createTrustContext, embeddedTrustContext, embeddedTrustInput, ProvenanceError, type TrustContext, type TrustInput } from '../core/index';
import { inputError } from './cli-error';
import type { CommonOptions } from './args';
import { readTrustedJson } from './read-input';

export function resolveTrust(options: CommonOptions, live?: TrustInput): TrustContext {
  const { trustedRootFile, npmKeysFile } = options;
  if (trustedRootFile === undefined && npmKeysFile === undefined) {
    // Cached material that no longer parses is not the user's doing: the embedded one stands in.
    if (live !== undefined) {
      try {
        return createTrustContext(live);
      } catch {
        return guard('embedded', embeddedTrustContext);
      }
    }
    return guard('embedded', embeddedTrustContext);
  }
  // A --trusted-root file has no verification date: its newest validFor.start dates it.
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
