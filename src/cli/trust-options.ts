// Chooses the trust material for one run: the production root and npm keys embedded from
// @sigstore/tuf (offline) unless --trusted-root / --keys replace one or both of them.
import seeds from '@sigstore/tuf/seeds.json';
import { createTrustContext, embeddedTrustContext, ProvenanceError, type TrustContext } from '../core/index';
import { inputError } from './cli-error';
import type { CommonOptions } from './args';
import { readTrustedJson } from './read-input';

const TUF_REPO = 'https://tuf-repo-cdn.sigstore.dev';

export function resolveTrust(options: CommonOptions): TrustContext {
  const { trustedRootFile, npmKeysFile } = options;
  if (trustedRootFile === undefined && npmKeysFile === undefined) return guard('embedded', embeddedTrustContext);
  // Replacing one half keeps the embedded other half: a staging root says nothing about npm's
  // registry keys, and a newer keys.json says nothing about Sigstore's logs.
  const trustedRoot =
    trustedRootFile !== undefined
      ? readTrustedJson(trustedRootFile, '--trusted-root file')
      : embeddedTarget('trusted_root.json');
  const npmKeys =
    npmKeysFile !== undefined
      ? readTrustedJson(npmKeysFile, '--keys file')
      : embeddedTarget('registry.npmjs.org%2Fkeys.json');
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

function embeddedTarget(name: string): unknown {
  const repo = (seeds as Record<string, { targets?: Record<string, string> }>)[TUF_REPO];
  const encoded = repo?.targets?.[name];
  if (encoded === undefined) throw inputError(`embedded trust material has no ${name}`);
  return JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as unknown;
}
