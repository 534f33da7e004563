// Trust material, parsed once: the Sigstore trusted root and the npm registry keys become one
// Verifier (built once per context) plus the indexes our trust-gap checks need.
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toTrustMaterial, Verifier, type TrustMaterial } from '@sigstore/verify';
import type { TrustContext, TrustInput } from './api';
import { fail } from './outcome';
import { npmAttestationKeyFinder, parseNpmKeys, type NpmKey } from './npm-keys';

export interface TrustState {
  material: TrustMaterial;
  verifier: Verifier;
  /** base64 log ids of the transparency logs we trust. */
  logIds: Set<string>;
  /** Logs the root names but we refused (malformed validity window). */
  rejectedLogIds: Set<string>;
  /** hex subject key ids and hex DER subjects of every certificate in every trusted CA chain. */
  caKeyIds: Set<string>;
  caSubjects: Set<string>;
  npmKeys: NpmKey[];
  rootDate: Date;
}

// Opaque to callers: the context object carries only public fields, the state lives here.
const states = new WeakMap<TrustContext, TrustState>();

export function trustState(context: TrustContext): TrustState {
  const state = states.get(context);
  if (!state) fail('TRUST_MATERIAL', 'not a trust context made by createTrustContext');
  return state;
}

type Authority = { validFor?: { start?: Date } | undefined };

/**
 * Throws ProvenanceError(TRUST_MATERIAL) when the trust input is unusable: that is the caller's
 * configuration, not page data, so it is reported once instead of on every verdict.
 */
export function createTrustContext(input: TrustInput): TrustContext {
  let root: TrustedRoot;
  try {
    root = TrustedRoot.fromJSON(input.trustedRoot);
  } catch (error) {
    fail('TRUST_MATERIAL', `unreadable trusted root: ${String(error)}`);
  }
  // @sigstore/verify treats a missing validFor.start as "since the beginning of time"; the
  // Sigstore spec requires it, and conformance case trust-root-tlog-missing-validity-start_fail
  // expects such an authority to be refused rather than trusted without bound.
  const hasStart = (a: Authority) => a.validFor?.start instanceof Date;
  const tlogs = root.tlogs.filter((t) => hasStart(t.publicKey ?? {}));
  const rejectedLogIds = new Set(root.tlogs.filter((t) => !hasStart(t.publicKey ?? {})).map(logIdOf));
  const accepted: TrustedRoot = {
    ...root,
    tlogs,
    certificateAuthorities: root.certificateAuthorities.filter(hasStart),
    ctlogs: root.ctlogs.filter((t) => hasStart(t.publicKey ?? {})),
    timestampAuthorities: root.timestampAuthorities.filter(hasStart),
  };
  const npmKeys = parseNpmKeys(input.npmKeys);
  let material: TrustMaterial;
  try {
    material = toTrustMaterial(accepted, npmAttestationKeyFinder(npmKeys));
  } catch (error) {
    fail('TRUST_MATERIAL', `unusable trusted root: ${String(error)}`);
  }
  const starts = [
    ...accepted.tlogs.map((t) => t.publicKey?.validFor?.start),
    ...accepted.ctlogs.map((t) => t.publicKey?.validFor?.start),
    ...accepted.certificateAuthorities.map((c) => c.validFor?.start),
    ...accepted.timestampAuthorities.map((c) => c.validFor?.start),
  ].filter((d): d is Date => d instanceof Date);
  if (starts.length === 0) fail('TRUST_MATERIAL', 'trusted root has no usable authority');
  const rootDate = materialDate(input.materialDate) ?? new Date(Math.max(...starts.map((d) => d.getTime())));
  const caCerts = material.certificateAuthorities.flatMap((ca) => ca.certChain);
  const state: TrustState = {
    material,
    verifier: new Verifier(material, { tlogThreshold: 1, ctlogThreshold: 1 }),
    logIds: new Set([...tlogs.map(logIdOf), ...tlogs.flatMap(checkpointIdOf)]),
    rejectedLogIds,
    caKeyIds: new Set(caCerts.flatMap((c) => c.extSubjectKeyID?.keyIdentifier.toString('hex') ?? [])),
    caSubjects: new Set(caCerts.map((c) => c.subject.toString('hex'))),
    npmKeys,
    rootDate,
  };
  const context: TrustContext = Object.freeze({ kind: 'trust-context', trustedRootDate: rootDate.toISOString() });
  states.set(context, state);
  return context;
}

/**
 * The date the caller vouches for (TUF verification time, embedded snapshot date). The newest
 * validFor.start is only a fallback for a bare trusted_root.json: it says when Sigstore last added
 * an authority, not when the material was last known current, so it leaves a window in which an
 * authority the material cannot know of looks newer than it.
 */
function materialDate(value: string | Date | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = value instanceof Date ? new Date(value.getTime()) : new Date(value);
  if (Number.isNaN(date.getTime())) fail('TRUST_MATERIAL', 'trust material date is not a date');
  return date;
}

function logIdOf(tlog: TrustedRoot['tlogs'][number]): string {
  return Buffer.from(tlog.logId?.keyId ?? []).toString('base64');
}

// Rekor v2 logs are matched by their checkpoint key id, which may differ from the log id.
function checkpointIdOf(tlog: TrustedRoot['tlogs'][number]): string[] {
  return tlog.checkpointKeyId ? [Buffer.from(tlog.checkpointKeyId.keyId).toString('base64')] : [];
}
