// One package verdict from the verdicts on its files (a PyPI release's sdist and wheels, or
// the single npm tarball). Order matters: a failed check outranks everything, then a
// publisher disagreement, then "couldn't check", and only then the counts. Files of one
// publisher built from different refs, commits or builders stay verified but are marked.
import type { ErrorCode } from '../core/errors';
import type { FileVerdict, PackageRef, PackageVerdict, SignerIdentity, VerifiedAttestation } from '../core/verdict';
import { inconsistentSources } from './inconsistent';

/** Unavailable codes a retry cannot fix. */
const PERMANENT_UNAVAILABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['POLICY_UNSUPPORTED_PUBLISHER', 'FETCH_FORBIDDEN']);

export function isRetryable(code: ErrorCode): boolean {
  return !PERMANENT_UNAVAILABLE.has(code);
}

type Pinned = PackageRef & { version: string };

export function unavailableVerdict(pkg: PackageRef, code: ErrorCode, message: string, checkedAt: number): PackageVerdict {
  // A latest page whose version we never learnt carries version '' (DESIGN: "resolved later").
  const pinned: Pinned = { ...pkg, version: pkg.version ?? '' };
  return { pkg: pinned, files: [], checkedAt, status: 'unavailable', code, message, retryable: isRetryable(code) };
}

function sameForgeName(forge: SignerIdentity['forge'], a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  // GitHub owner/repo names are case-insensitive; GitLab paths and e-mails are compared as is.
  return forge === 'github' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** Why two verified files' signers are not the same publisher, or null when they are. */
export function identityConflict(a: SignerIdentity, b: SignerIdentity): { code: ErrorCode; message: string } | null {
  if (a.issuer !== b.issuer || a.forge !== b.forge || !sameForgeName(a.forge, a.repository, b.repository)) {
    return { code: 'IDENTITY_REPOSITORY', message: `files built by ${a.repository ?? a.san} and ${b.repository ?? b.san}` };
  }
  if (!sameForgeName(a.forge, a.workflowPath, b.workflowPath)) {
    return { code: 'IDENTITY_WORKFLOW', message: `files built by workflows ${a.workflowPath ?? '?'} and ${b.workflowPath ?? '?'}` };
  }
  if (a.repository === undefined && a.san !== b.san) {
    return { code: 'IDENTITY_SAN', message: `files signed by ${a.san} and ${b.san}` };
  }
  return null;
}

/**
 * PyPI renders the attestations each file was uploaded with (the details pane's Provenance
 * section; the redesign's Security tab and its "Full provenance" notice) without checking them
 * in the reader's browser. A file whose attestations failed here is one its page still shows.
 */
function pypiPageNote(pkg: Pinned, files: FileVerdict[]): { registryNote?: string } {
  const failed = files.filter((f) => f.verdict.status === 'invalid').map((f) => f.filename);
  if (pkg.registry !== 'pypi' || failed.length === 0) return {};
  const they = failed.length === 1 ? 'it does' : 'they do';
  return {
    registryNote:
      `PyPI's page shows attestations for ${failed.join(', ')}, as uploaded. This check verifies each one in your browser, ` +
      `from its Sigstore certificate and the transparency log, and ${they} not verify.`,
  };
}

export function combineFileVerdicts(pkg: Pinned, files: FileVerdict[], checkedAt: number): PackageVerdict {
  const base = { pkg, files, checkedAt };
  const invalid = files.find((f) => f.verdict.status === 'invalid');
  if (invalid?.verdict.status === 'invalid') {
    const { code, message, claimed } = invalid.verdict;
    // What the failed file's attestation claims goes along, unverified, for a person to compare.
    const claim = claimed ? { claimed } : {};
    return { ...base, ...pypiPageNote(pkg, files), status: 'invalid', code, message: `${invalid.filename}: ${message}`, ...claim };
  }
  const verified = files.flatMap((f) => (f.verdict.status === 'verified' ? [{ file: f, verdict: f.verdict }] : []));
  for (const v of verified) {
    // A package verdict is never green without a certificate identity to show.
    if (!v.verdict.identity) {
      return { ...base, status: 'invalid', code: 'POLICY_MISSING_ATTESTATION', message: `${v.file.filename}: no build provenance` };
    }
  }
  const identity = verified[0]?.verdict.identity;
  if (identity) {
    for (const v of verified.slice(1)) {
      // One release built by two publishers is what a hijack looks like: an attacker with a
      // stolen token uploads an extra file signed by their own repository or workflow.
      const conflict = identityConflict(identity, v.verdict.identity as SignerIdentity);
      if (conflict) return { ...base, status: 'invalid', code: conflict.code, message: conflict.message };
    }
  }
  const unavailable = files.find((f) => f.verdict.status === 'unavailable');
  if (unavailable?.verdict.status === 'unavailable') {
    const { code, message } = unavailable.verdict;
    return { ...base, status: 'unavailable', code, message: `${unavailable.filename}: ${message}`, retryable: isRetryable(code) };
  }
  if (!identity) return noneVerdict(base);
  const attestations: VerifiedAttestation[] = verified.flatMap((v) => v.verdict.attestations);
  // Same publisher, but not one build: the status stays what the checks gave, marked amber.
  const inconsistent = inconsistentSources(verified.map((v) => v.verdict.identity as SignerIdentity));
  const shown = inconsistent ? { identity, attestations, inconsistent } : { identity, attestations };
  if (verified.length === files.length) return { ...base, status: 'verified', ...shown };
  return { ...base, status: 'partial', ...shown, verifiedCount: verified.length, totalCount: files.length };
}

/** No build provenance; still says so when npm's registry signed the upload (issue 13.3). */
function noneVerdict(base: { pkg: Pinned; files: FileVerdict[]; checkedAt: number }): PackageVerdict {
  for (const f of base.files) {
    if (f.verdict.status === 'none' && f.verdict.registrySigned) return { ...base, status: 'none', registrySigned: f.verdict.registrySigned };
  }
  return { ...base, status: 'none' };
}
