// Names the trust material a verdict was decided under, for the CLI's caches: new material
// (another --trusted-root or --keys file, a TUF refresh) means new entries, never an old verdict.
import { createHash } from 'node:crypto';
import { embeddedTrustInput, type TrustInput } from '../core/index';
import type { CommonOptions } from './args';
import { readInputBytes } from './read-input';

export function trustIdOf(common: Pick<CommonOptions, 'trustedRootFile' | 'npmKeysFile'>, live: TrustInput | undefined): string {
  const hash = createHash('sha256');
  const { trustedRootFile, npmKeysFile } = common;
  if (trustedRootFile !== undefined || npmKeysFile !== undefined) {
    for (const file of [trustedRootFile, npmKeysFile]) hash.update(file === undefined ? '-' : readInputBytes(file, 'trust file'));
  } else {
    hash.update(JSON.stringify(live ?? embeddedTrustInput()));
  }
  return hash.digest('hex');
}
