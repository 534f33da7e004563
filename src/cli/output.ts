// What the CLI prints: one human line, or one JSON object for scripts (`--json`). Identity and
// log details come only from the verdict, i.e. from the verified certificate and log entry. The
// one exception is labelled as such: a failed attestation's claim, on its own `claimed` line/key.
import type { ArtifactVerdict, ClaimedIdentity, RegistrySignedNote, SignerIdentity, VerifiedAttestation } from '../core/index';
import { EXIT_NOT_VERIFIED, EXIT_VERIFIED, type CliErrorCode } from './cli-error';

export interface VerdictJson {
  status: ArtifactVerdict['status'];
  /** The core's ErrorCode when not verified; null when there is nothing wrong to name. */
  code: string | null;
  message?: string;
  identity?: SignerIdentity;
  /** Global Rekor log index of the first attestation, as a decimal string (it exceeds 2^31). */
  logIndex?: string;
  attestations?: VerifiedAttestation[];
  /** `none` only: npm's registry key signed this upload, but nothing says who built it. */
  registrySigned?: RegistrySignedNote;
  /** `invalid` only: what the failed attestation claims, UNVERIFIED; never an identity. */
  claimed?: ClaimedIdentity;
}

export function verdictJson(verdict: ArtifactVerdict): VerdictJson {
  switch (verdict.status) {
    case 'verified':
      return {
        status: 'verified',
        code: null,
        ...(verdict.identity ? { identity: verdict.identity } : {}),
        ...(verdict.attestations[0] ? { logIndex: verdict.attestations[0].log.logIndex } : {}),
        attestations: verdict.attestations,
      };
    case 'none':
      return verdict.registrySigned
        ? { status: 'none', code: null, message: registrySignedText(verdict.registrySigned), registrySigned: verdict.registrySigned }
        : { status: 'none', code: null, message: 'no attestation in the input' };
    case 'invalid':
      return { status: 'invalid', code: verdict.code, message: verdict.message, ...(verdict.claimed ? { claimed: verdict.claimed } : {}) };
    case 'unavailable':
      return { status: verdict.status, code: verdict.code, message: verdict.message };
  }
}

/** Only `verified` is a pass: `none`, even registry-signed, is not verified (exit 1). */
export function verdictExitCode(verdict: ArtifactVerdict): number {
  return verdict.status === 'verified' ? EXIT_VERIFIED : EXIT_NOT_VERIFIED;
}

export function verdictLine(verdict: ArtifactVerdict): string {
  switch (verdict.status) {
    case 'verified':
      return ['verified', signerText(verdict.identity, verdict.attestations), logText(verdict.attestations)]
        .filter((part) => part !== '')
        .join(' · ');
    case 'none':
      return verdict.registrySigned
        ? `none · ${registrySignedText(verdict.registrySigned)}`
        : 'none: no attestation in the input';
    case 'invalid': {
      const line = `invalid [${verdict.code}]: ${oneLine(verdict.message)}`;
      return verdict.claimed ? `${line}\n${claimedText(verdict.claimed)}` : line;
    }
    case 'unavailable':
      return `unavailable [${verdict.code}]: couldn't check: ${oneLine(verdict.message)}`;
  }
}

export function errorJson(code: CliErrorCode | 'CLI_INTERNAL', message: string): { status: 'error'; code: string; message: string } {
  return { status: 'error', code, message: oneLine(message) };
}

export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

// Worded so nobody reads it as provenance: the registry's key says what was uploaded, not who built it.
function registrySignedText(note: RegistrySignedNote): string {
  return `registry-signed only (npm's registry key ${note.keyId} signed this upload; no build provenance)`;
}

function signerText(identity: SignerIdentity | undefined, attestations: VerifiedAttestation[]): string {
  if (identity === undefined) {
    const keyIds = [...new Set(attestations.flatMap((a) => (a.keyId === undefined ? [] : [a.keyId])))];
    return keyIds.length > 0 ? `signed by registry key ${keyIds.join(', ')}` : '';
  }
  const who = identity.repository ?? identity.email ?? identity.san;
  const where = identity.workflowPath !== undefined ? `${identity.workflowPath}${refText(identity.ref)}` : '';
  return [who, where, builderText(identity.builder), `issuer ${identity.issuer}`].filter((part) => part !== '').join(' · ');
}

// Another repository's workflow did the build (reusable workflow, SLSA builder): say whose.
function builderText(builder: SignerIdentity['builder']): string {
  if (builder === undefined) return '';
  const what = builder.repository !== undefined && builder.workflowPath !== undefined ? `${builder.repository}/${builder.workflowPath}` : builder.uri;
  return `built by ${what}${builder.repository !== undefined ? refText(builder.ref) : ''}`;
}

/**
 * A second line, labelled so no script or reader takes it for the signer: the attestation failed,
 * so this is only what it says. Core made hidden and control characters visible already.
 */
export function claimedText(claim: ClaimedIdentity): string {
  const who = claim.repository ?? claim.san ?? '(no repository)';
  const where = claim.workflow !== undefined ? ` ${claim.workflow}${refText(claim.ref)}` : claim.ref !== undefined ? ` @${claim.ref}` : '';
  const commit = claim.commit !== undefined ? ` commit ${claim.commit}` : '';
  return oneLine(`claimed (unverified): ${who}${where}${commit}`);
}

function refText(ref: string | undefined): string {
  return ref === undefined ? '' : `@${ref}`;
}

function logText(attestations: VerifiedAttestation[]): string {
  // A Rekor v2 shard counts its own indexes: its name goes with them.
  const indexes = [...new Set(attestations.map((a) => (a.log.origin === undefined ? a.log.logIndex : `${a.log.logIndex} in ${a.log.origin}`)))];
  if (indexes.length === 0) return '';
  return `Rekor log index ${indexes.join(', ')}`;
}
