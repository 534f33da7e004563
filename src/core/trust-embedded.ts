// The production trust material that ships inside @sigstore/tuf (seeds.json), embedded by the
// build, so the extension can verify offline from the first run.
import seeds from '@sigstore/tuf/seeds.json';
import type { TrustContext, TrustInput } from './api';
import { fail, isRecord } from './outcome';
import { createTrustContext } from './trust';

const TUF_REPO = 'https://tuf-repo-cdn.sigstore.dev';
const TRUSTED_ROOT = 'trusted_root.json';
const NPM_KEYS = 'registry.npmjs.org%2Fkeys.json';

let memo: TrustContext | undefined;

export function embeddedTrustContext(): TrustContext {
  memo ??= createTrustContext(embeddedTrustInput());
  return memo;
}

/** The embedded trusted root and npm keys as parsed JSON, for callers that replace one half. */
export function embeddedTrustInput(): { trustedRoot: unknown; npmKeys: unknown } & TrustInput {
  return { trustedRoot: seedTarget(TRUSTED_ROOT), npmKeys: seedTarget(NPM_KEYS) };
}

function seedTarget(name: string): unknown {
  const repo: unknown = (seeds as Record<string, unknown>)[TUF_REPO];
  const targets = isRecord(repo) ? repo.targets : undefined;
  const encoded = isRecord(targets) ? targets[name] : undefined;
  if (typeof encoded !== 'string') fail('TRUST_MATERIAL', `seeds.json has no target ${name}`);
  // atob + TextDecoder work the same in Node and in an MV3 service worker.
  const bytes = Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
}
