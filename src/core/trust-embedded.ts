// The production trust material that ships inside @sigstore/tuf (seeds.json), embedded by the
// build, so the extension can verify offline from the first run, and the TUF root the live
// refresh starts its chain from.
import seeds from '@sigstore/tuf/seeds.json';
import type { TrustContext, TrustInput } from './api';
import { canonicalBase64ToBytes, latin1Bytes } from './crypto/buffer-string-codecs';
import { fail, isRecord } from './outcome';
import { createTrustContext } from './trust';

export const SIGSTORE_TUF_URL = 'https://tuf-repo-cdn.sigstore.dev';
const TRUSTED_ROOT = 'trusted_root.json';
const NPM_KEYS = 'registry.npmjs.org%2Fkeys.json';

/**
 * The date the embedded snapshot is known to be current at: the earliest moment the seeds can
 * have been taken. seeds.json holds TUF root v16, fully signed; that root states its own expiry
 * (2027-04-22T19:27:31Z) and the expiry period tuf-on-ci gave it (`x-tuf-on-ci-expiry-period`:
 * 197 days), so its signing event opened on 2026-10-07T19:27:31Z and the snapshot is no older.
 * A later date (the @sigstore/tuf 5.0.1 release) would be closer, but is not in the data, and a
 * date later than the real snapshot would turn honest bundles of a newer authority red; an
 * earlier one (the newest validFor.start, 2025-09-23) left a year in which forged bundles were
 * grey. trust-embedded.test.ts recomputes it from the root, and ties it to EMBEDDED_SEEDS_SHA256
 * so that an upgrade of @sigstore/tuf fails the test until this date is looked at again.
 */
export const EMBEDDED_SNAPSHOT_DATE = '2026-10-07T19:27:31.000Z';

/** sha256 of JSON.stringify(seeds.json) the date above was chosen for. */
export const EMBEDDED_SEEDS_SHA256 = '711f4aed1b5ad6d5cf05c5c212542c9b7d064d6b0a87b205e85f5939586dc977';

let memo: TrustContext | undefined;

export function embeddedTrustContext(): TrustContext {
  memo ??= createTrustContext(embeddedTrustInput());
  return memo;
}

/** The embedded trusted root and npm keys as parsed JSON, for callers that replace one half. */
export function embeddedTrustInput(): { trustedRoot: unknown; npmKeys: unknown; materialDate: string } & TrustInput {
  return { trustedRoot: seedTarget(TRUSTED_ROOT), npmKeys: seedTarget(NPM_KEYS), materialDate: EMBEDDED_SNAPSHOT_DATE };
}

/** The embedded TUF root.json, as its exact text: the start of the live refresh's root chain. */
export function embeddedTufRoot(): string {
  const encoded = seedRepo()['root.json'];
  if (typeof encoded !== 'string') fail('TRUST_MATERIAL', 'seeds.json has no root.json');
  return decodeBase64Text(encoded);
}

function seedRepo(): Record<string, unknown> {
  const repo: unknown = (seeds as Record<string, unknown>)[SIGSTORE_TUF_URL];
  return isRecord(repo) ? repo : {};
}

function seedTarget(name: string): unknown {
  const targets = seedRepo().targets;
  const encoded = isRecord(targets) ? targets[name] : undefined;
  if (typeof encoded !== 'string') fail('TRUST_MATERIAL', `seeds.json has no target ${name}`);
  return JSON.parse(decodeBase64Text(encoded)) as unknown;
}

// The seeds are canonical base64, decoded natively where the platform can (buffer-string-codecs.ts):
// Uint8Array.from(atob(text), callback) called a function per character, 8 ms of the 29 ms a
// fresh extension page took to build this trust context (a CPU profile of the worker's bundle).
function decodeBase64Text(encoded: string): string {
  return new TextDecoder().decode(canonicalBase64ToBytes(encoded) ?? latin1Bytes(atob(encoded)));
}
