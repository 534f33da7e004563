// The sentences for every code the worker can answer with. Extension pages and the worker load
// this table; the content scripts do not carry it (it is a tenth of their size budget) and learn
// the sentences the worker sends with each reply (code-text.ts).
import type { ErrorCode } from '../core/errors';
import type { MessageErrorCode } from './messages';

// A Record over the unions makes a missing code a compile error, not a blank line in the UI.
const ERROR_TEXT: Record<ErrorCode, string> = {
  FETCH_NETWORK: 'The registry could not be reached over the network.',
  FETCH_TIMEOUT: 'The registry took too long to answer.',
  FETCH_TOO_LARGE: 'The registry sent more data than the extension accepts.',
  FETCH_HTTP_STATUS: 'The registry answered with an unexpected HTTP status.',
  FETCH_RATE_LIMITED: 'The registry is limiting requests right now; try again in a minute.',
  FETCH_THROTTLED: 'The browser is holding back requests to the registry after its recent server errors; try again in a minute.',
  FETCH_FORBIDDEN: 'The registry refused to hand out the provenance for this package.',
  FETCH_REDIRECT: 'The registry redirected somewhere the extension does not follow.',
  FETCH_NOT_FOUND: 'The registry does not know this package or version.',
  FETCH_UNLISTED: "The registry's page lists a file its API does not list yet; try again in a few minutes.",
  PARSE_JSON: 'The registry sent data that is not valid JSON.',
  PARSE_SHAPE: 'The registry sent data in an unexpected shape.',
  PARSE_BUNDLE: 'The attestation bundle is malformed.',
  PARSE_STATEMENT: 'The signed statement inside the attestation is malformed.',
  PARSE_CERTIFICATE: 'The signing certificate could not be read.',
  PARSE_INPUT: 'The input could not be read.',
  SUBJECT_COUNT: 'The attestation covers a different number of artifacts than expected.',
  SUBJECT_NAME: 'The attestation names a different file or package than the one published.',
  SUBJECT_DIGEST: 'The attestation was made for different bytes than the registry serves.',
  SUBJECT_MISSING_DIGEST: 'The attestation does not say which bytes it covers.',
  SIGNATURE_INVALID: 'The signature on the attestation does not match its contents.',
  SIGNATURE_PUBLIC_KEY: 'The key that should check the signature is unusable.',
  SIGNATURE_REGISTRY: "The registry's own signature over this version does not check out.",
  CERT_CHAIN: 'The signing certificate was not issued by the Sigstore certificate authority.',
  CERT_SCT: 'The signing certificate lacks a valid certificate-transparency proof.',
  CERT_MISSING: 'The attestation carries no signing certificate.',
  TLOG_BODY: 'The transparency log entry does not match the attestation.',
  TLOG_INCLUSION_PROOF: 'The proof that the signature is in the transparency log is wrong.',
  TLOG_INCLUSION_PROMISE: "The transparency log's promise to include the signature is wrong.",
  TLOG_MISSING_INCLUSION: 'The signature was never shown to be recorded in the transparency log.',
  TLOG_ENTRY: 'The transparency log entry is not usable.',
  TLOG_DUPLICATE: 'The attestation lists the same transparency log entry more than once.',
  TLOG_TIMESTAMP: 'The signature was logged outside the signing certificate’s validity.',
  IDENTITY_ISSUER: 'The signer logged in through an identity provider other than the expected one.',
  IDENTITY_REPOSITORY: 'The package was signed from a different repository than the registry claims.',
  IDENTITY_WORKFLOW: 'The package was signed by a different workflow than the registry claims.',
  IDENTITY_SAN: 'The signing identity does not match the publisher the registry lists.',
  IDENTITY_EXTENSION: 'The signing certificate lacks details needed to identify the build.',
  IDENTITY_PREDICATE_MISMATCH: 'The build details in the attestation disagree with the signing certificate.',
  IDENTITY_PIN: 'The signer is not the one pinned for this package.',
  POLICY_PREDICATE_TYPE: 'The attestation is of a kind the extension does not accept.',
  POLICY_UNSUPPORTED_PUBLISHER: 'The package was published from a kind of publisher the extension cannot check yet.',
  POLICY_MISSING_ATTESTATION: 'A required attestation is missing.',
  POLICY_UNSUPPORTED_BUNDLE: 'The attestation uses a bundle format the extension cannot check.',
  TRUST_UNKNOWN_CA: "The signing authority is newer than the extension's trust snapshot; update the extension.",
  TRUST_UNKNOWN_LOG: "The transparency log is newer than the extension's trust snapshot; update the extension.",
  TRUST_UNKNOWN_TSA: "The timestamp authority is newer than the extension's trust snapshot; update the extension.",
  TRUST_UNKNOWN_KEY: "The registry key is newer than the extension's trust snapshot; update the extension.",
  TRUST_MATERIAL: "The extension's trust material could not be loaded.",
};

const MESSAGE_TEXT: Record<MessageErrorCode, string> = {
  MSG_MALFORMED: 'The extension sent itself a malformed request.',
  MSG_UNKNOWN_TYPE: 'The extension sent itself a request it does not understand.',
  MSG_FORBIDDEN_SENDER: 'This part of the extension may not ask for that.',
  MSG_BAD_PACKAGE: 'The package name or version on this page is not valid for the registry.',
  MSG_NOT_A_PACKAGE_PAGE: 'This tab is not showing a package page.',
  MSG_INTERNAL: 'Something went wrong inside the extension.',
};

/** Every code the worker may answer with, and its sentence. */
export const CODE_TEXTS: Readonly<Record<ErrorCode | MessageErrorCode, string>> = { ...ERROR_TEXT, ...MESSAGE_TEXT };

/** The sentences for the codes found anywhere in `value` (a reply), for the content scripts. */
export function textsForCodesIn(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (v: unknown, d: number): void => {
    // A batch reply nests a file's code six levels down; verdicts hold nothing deeper.
    if (d > 8 || typeof v !== 'object' || v === null) return;
    if (Array.isArray(v)) return v.forEach((item) => visit(item, d + 1));
    for (const [key, inner] of Object.entries(v)) {
      if (key === 'code' && typeof inner === 'string' && Object.hasOwn(CODE_TEXTS, inner)) out[inner] = CODE_TEXTS[inner as keyof typeof CODE_TEXTS];
      else visit(inner, d + 1);
    }
  };
  visit(value, 0);
  return out;
}
