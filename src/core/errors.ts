// One error class for every stage; tests, UI text and logs key on `code`, never on messages.
// The prefix names the stage (DESIGN 3). Adding a code is fine; renaming one breaks users' scripts.

export const ERROR_CODES = [
  // network and registry trouble: always `unavailable`, never red
  'FETCH_NETWORK',
  'FETCH_TIMEOUT',
  'FETCH_TOO_LARGE',
  'FETCH_HTTP_STATUS',
  'FETCH_RATE_LIMITED',
  'FETCH_THROTTLED',
  'FETCH_FORBIDDEN',
  'FETCH_REDIRECT',
  'FETCH_NOT_FOUND',
  'FETCH_UNLISTED',
  // the bytes are not what the format says
  'PARSE_JSON',
  'PARSE_SHAPE',
  'PARSE_BUNDLE',
  'PARSE_STATEMENT',
  'PARSE_CERTIFICATE',
  'PARSE_INPUT',
  // the statement does not bind the artifact the registry serves
  'SUBJECT_COUNT',
  'SUBJECT_NAME',
  'SUBJECT_DIGEST',
  'SUBJECT_MISSING_DIGEST',
  // cryptographic signatures
  'SIGNATURE_INVALID',
  'SIGNATURE_PUBLIC_KEY',
  'SIGNATURE_REGISTRY',
  // the signing certificate
  'CERT_CHAIN',
  'CERT_SCT',
  'CERT_MISSING',
  // the transparency log entry
  'TLOG_BODY',
  'TLOG_INCLUSION_PROOF',
  'TLOG_INCLUSION_PROMISE',
  'TLOG_MISSING_INCLUSION',
  'TLOG_ENTRY',
  'TLOG_DUPLICATE',
  'TLOG_TIMESTAMP',
  // who signed it
  'IDENTITY_ISSUER',
  'IDENTITY_REPOSITORY',
  'IDENTITY_WORKFLOW',
  'IDENTITY_SAN',
  'IDENTITY_EXTENSION',
  'IDENTITY_PREDICATE_MISMATCH',
  'IDENTITY_PIN',
  // what we accept
  'POLICY_PREDICATE_TYPE',
  'POLICY_UNSUPPORTED_PUBLISHER',
  'POLICY_MISSING_ATTESTATION',
  'POLICY_UNSUPPORTED_BUNDLE',
  // our trust material does not know a key (it may be newer than the embedded snapshot)
  'TRUST_UNKNOWN_CA',
  'TRUST_UNKNOWN_LOG',
  'TRUST_UNKNOWN_KEY',
  'TRUST_UNKNOWN_TSA',
  'TRUST_MATERIAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorStage = ErrorCode extends `${infer S}_${string}` ? S : never;

export class ProvenanceError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ProvenanceError';
    this.code = code;
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

export function stageOf(code: ErrorCode): string {
  return code.slice(0, code.indexOf('_'));
}

/** Codes that mean "we could not check", never "the check failed". */
export function isUnavailableCode(code: ErrorCode): boolean {
  const stage = stageOf(code);
  return stage === 'FETCH' || stage === 'TRUST' || code === 'POLICY_UNSUPPORTED_PUBLISHER';
}
