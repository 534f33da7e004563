// What a failed attestation CLAIMS about who built it (issue 16.2), read without trusting a byte:
// its signature, certificate chain or log entry did not verify, so every value is the word of
// whoever wrote the document. It exists so a person can compare it with the repository; it is
// never an identity (see ClaimedIdentity in verdict.ts). Anything odd gives undefined, never a throw.
import { X509Certificate } from '@sigstore/core';
import { Bundle } from '@sigstore/protobuf-specs';
import { identityFromCertificate } from './certificate';
import { field } from './npm-slsa-fields';
import { isRecord } from './outcome';
import { attestationToBundle, MAX_ATTESTATIONS } from './pep740';
import { IN_TOTO_PAYLOAD_TYPE, parseStatement } from './statement';
import type { ArtifactVerdict, ClaimedIdentity } from './verdict';

/** A Fulcio leaf is 1-3 KB of DER: anything past 12 KB is not one, and is not parsed. */
const MAX_CERT_BYTES = 12 * 1024;
/** Real SLSA statements are a few KB; a claim is not worth parsing megabytes of JSON for. */
const MAX_PAYLOAD_BYTES = 96 * 1024;
/** Each shown value, in UTF-16 units, after hidden characters were made visible. */
export const MAX_CLAIM_VALUE = 512;
const KEYS = ['repository', 'workflow', 'ref', 'commit', 'issuer', 'san'] as const;
// Controls could drive a terminal (the CLI prints claims) and format characters reorder or hide
// text ("v1\u202Egpj.exe"): an attacker writes these values, so such characters show as ⟨U+XXXX⟩.
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufeff\uffa0\u{e0000}-\u{e007f}]/gu;

/** The verdict with what its attestation claims, when it is `invalid` and anything was readable. */
export function withClaim(doc: unknown, verdict: ArtifactVerdict): ArtifactVerdict {
  if (verdict.status !== 'invalid') return verdict;
  const claimed = claimedIdentityOf(doc);
  return claimed ? { ...verdict, claimed } : verdict;
}

/** The first bundle of a document (npm response, PEP 740 object, bundle) that claims anything. */
export function claimedIdentityOf(doc: unknown): ClaimedIdentity | undefined {
  try {
    for (const bundle of bundlesOf(doc)) {
      const claim = claimOfBundle(bundle);
      if (claim) return claim;
    }
  } catch {
    // Hostile shapes (getters, cycles, deep nesting) end here: no claim, the verdict stands.
  }
  return undefined;
}

function bundlesOf(doc: unknown): unknown[] {
  if (!isRecord(doc)) return [];
  const list = (v: unknown) => (Array.isArray(v) ? v.slice(0, MAX_ATTESTATIONS) : []);
  if (typeof doc.mediaType === 'string') return [doc];
  if (Array.isArray(doc.attestations)) return list(doc.attestations).map((a) => (isRecord(a) ? a.bundle : undefined));
  const pep740 = Array.isArray(doc.attestation_bundles)
    ? list(doc.attestation_bundles).flatMap((g) => (isRecord(g) ? list(g.attestations) : []))
    : [doc];
  return pep740.slice(0, MAX_ATTESTATIONS).map((a) => {
    try {
      return attestationToBundle(a);
    } catch {
      return undefined;
    }
  });
}

function claimOfBundle(json: unknown): ClaimedIdentity | undefined {
  if (!isRecord(json)) return undefined;
  // Decoded as the verifier decodes it (protobuf JSON: either key casing, lenient base64), but
  // without its shape checks: bytes it would read the same must claim the same, and a bundle
  // too broken to verify may still say who it pretends to be.
  const bundle = Bundle.fromJSON(json);
  // One source, never a mix: the certificate (structured by Fulcio's extensions), else the
  // statement. Pieced together, two documents could make up a publisher neither of them names.
  const fromCertificate = certificateClaim(bundle);
  const merged = Object.keys(fromCertificate).length > 0 ? fromCertificate : statementClaim(bundle);
  const claim: ClaimedIdentity = {};
  for (const key of KEYS) {
    const value = merged[key];
    if (typeof value === 'string' && value !== '') claim[key] = capped(value);
  }
  return Object.keys(claim).length > 0 ? claim : undefined;
}

function certificateClaim(bundle: Bundle): ClaimedIdentity {
  const content = bundle.verificationMaterial?.content;
  const der =
    content?.$case === 'certificate'
      ? content.certificate.rawBytes
      : content?.$case === 'x509CertificateChain'
        ? content.x509CertificateChain.certificates[0]?.rawBytes
        : undefined;
  if (der === undefined || der.length > MAX_CERT_BYTES) return {};
  try {
    const id = identityFromCertificate(X509Certificate.parse(Buffer.from(der)));
    return defined({ repository: id.repositoryUrl ?? id.repository, workflow: id.workflowPath, ref: id.ref, commit: id.commit, issuer: id.issuer, san: id.san });
  } catch {
    return {};
  }
}

function statementClaim(bundle: Bundle): ClaimedIdentity {
  if (bundle.content?.$case !== 'dsseEnvelope') return {};
  const { payload, payloadType } = bundle.content.dsseEnvelope;
  if (payloadType !== IN_TOTO_PAYLOAD_TYPE || payload.length > MAX_PAYLOAD_BYTES) return {};
  try {
    const p = parseStatement(payload).predicate;
    // SLSA v1 (GitHub workflow build type): the workflow and the first resolved dependency.
    const wf = ['buildDefinition', 'externalParameters', 'workflow'];
    const deps = isRecord(p) && isRecord(p.buildDefinition) ? p.buildDefinition.resolvedDependencies : undefined;
    const v1 = { repository: field(p, ...wf, 'repository'), workflow: field(p, ...wf, 'path'), ref: field(p, ...wf, 'ref') };
    if (v1.repository ?? v1.workflow) return defined({ ...v1, commit: field(Array.isArray(deps) ? deps[0] : undefined, 'digest', 'gitCommit') });
    // SLSA v0.2 as npm writes it: `git+<repository>@<ref>`, the commit, the entry point.
    const source = ['invocation', 'configSource'];
    const uri = /^git\+([^@]+)@(.+)$/.exec(field(p, ...source, 'uri') ?? '');
    const entry = field(p, ...source, 'entryPoint');
    // npm wrote either the path or `owner/repo/<path>@<ref>` (GITHUB_WORKFLOW_REF): keep the path.
    const workflow = entry?.replace(/@[^@]*$/, '').replace(/^.*?(?=\.github\/workflows\/)/, '');
    return defined({ repository: uri?.[1], ref: uri?.[2], commit: field(p, ...source, 'digest', 'sha1'), workflow });
  } catch {
    return {};
  }
}

function defined(values: Partial<Record<keyof ClaimedIdentity, string>>): ClaimedIdentity {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== ''));
}

function capped(value: string): string {
  const shown = value.replace(HIDDEN, (c) => `⟨U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
  if (shown.length <= MAX_CLAIM_VALUE) return shown;
  // Cut visibly, never inside a surrogate pair.
  const cut = shown.slice(0, MAX_CLAIM_VALUE - 1).replace(/[\ud800-\udbff]$/, '');
  return `${cut}…`;
}

/** A claim read back from storage or a reply: only its known string fields, each within the cap. */
export function parseClaimedIdentity(v: unknown): ClaimedIdentity | undefined {
  if (!isRecord(v)) return undefined;
  const claim: ClaimedIdentity = {};
  for (const key of KEYS) {
    const value = v[key];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value === '' || value.length > MAX_CLAIM_VALUE) return undefined;
    claim[key] = value;
  }
  return Object.keys(claim).length > 0 ? claim : undefined;
}
