// One plain sentence per error code, for the badge's accessible name, the details panel and the
// popup. Keyed by code so the wording can change without touching anything that matches on codes.
import type { ErrorCode } from '../core/errors';
import type { MessageErrorCode } from './messages';

/** Raised by the UI itself when the background worker did not answer at all. */
export type LocalErrorCode = 'WORKER_UNREACHABLE';

export type ExplainableCode = ErrorCode | MessageErrorCode | LocalErrorCode;

// A Record over the unions makes a missing code a compile error, not a blank line in the UI.
const ERROR_TEXT: Record<ErrorCode, string> = {
  FETCH_NETWORK: 'The registry could not be reached over the network.',
  FETCH_TIMEOUT: 'The registry took too long to answer.',
  FETCH_TOO_LARGE: 'The registry sent more data than the extension accepts.',
  FETCH_HTTP_STATUS: 'The registry answered with an unexpected HTTP status.',
  FETCH_RATE_LIMITED: 'The registry is limiting requests right now; try again in a minute.',
  FETCH_FORBIDDEN: 'The registry refused to hand out the provenance for this package.',
  FETCH_REDIRECT: 'The registry redirected somewhere the extension does not follow.',
  FETCH_NOT_FOUND: 'The registry does not know this package or version.',
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
  TRUST_UNKNOWN_KEY: "The registry key is newer than the extension's trust snapshot; update the extension.",
  TRUST_MATERIAL: "The extension's trust material could not be loaded.",
};

const MESSAGE_TEXT: Record<MessageErrorCode | LocalErrorCode, string> = {
  MSG_MALFORMED: 'The extension sent itself a malformed request.',
  MSG_UNKNOWN_TYPE: 'The extension sent itself a request it does not understand.',
  MSG_FORBIDDEN_SENDER: 'This part of the extension may not ask for that.',
  MSG_BAD_PACKAGE: 'The package name or version on this page is not valid for the registry.',
  MSG_NOT_A_PACKAGE_PAGE: 'This tab is not showing a package page.',
  MSG_INTERNAL: 'Something went wrong inside the extension.',
  WORKER_UNREACHABLE: "The extension's background worker did not answer; reload the page to try again.",
};

const TABLE: Readonly<Record<string, string>> = { ...ERROR_TEXT, ...MESSAGE_TEXT };

/** One plain sentence for a code; unknown strings (a newer worker) get a generic sentence. */
export function codeText(code: string): string {
  return Object.hasOwn(TABLE, code) ? (TABLE[code] as string) : 'The check could not be completed.';
}

export function hasCodeText(code: string): boolean {
  return Object.hasOwn(TABLE, code);
}
