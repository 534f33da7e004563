// The in-toto statement inside a verified DSSE envelope, read defensively.
import { bytesToHex } from '@noble/hashes/utils.js';
import type { Bundle } from '@sigstore/bundle';
import { fail, isRecord } from './outcome';

export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
const STATEMENT_TYPES = ['https://in-toto.io/Statement/v1', 'https://in-toto.io/Statement/v0.1'];

export interface StatementSubject {
  name: string;
  digest: Record<string, string>;
}

export interface Statement {
  subjects: StatementSubject[];
  predicateType: string;
  predicate: unknown;
}

export function statementOf(bundle: Bundle): Statement {
  if (bundle.content.$case !== 'dsseEnvelope') fail('POLICY_UNSUPPORTED_BUNDLE', 'expected a DSSE envelope, got a message signature');
  const envelope = bundle.content.dsseEnvelope;
  if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) fail('PARSE_STATEMENT', `unexpected payload type ${envelope.payloadType}`);
  return parseStatement(envelope.payload);
}

export function parseStatement(payload: Uint8Array): Statement {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    fail('PARSE_STATEMENT', 'statement is not UTF-8 JSON');
  }
  if (!isRecord(json) || !STATEMENT_TYPES.includes(String(json._type))) fail('PARSE_STATEMENT', 'not an in-toto statement');
  if (typeof json.predicateType !== 'string') fail('PARSE_STATEMENT', 'statement has no predicateType');
  if (!Array.isArray(json.subject)) fail('PARSE_STATEMENT', 'statement has no subject list');
  const subjects = json.subject.map((s): StatementSubject => {
    if (!isRecord(s) || typeof s.name !== 'string' || !isRecord(s.digest)) fail('PARSE_STATEMENT', 'malformed subject');
    const digest: Record<string, string> = {};
    for (const [alg, value] of Object.entries(s.digest)) if (typeof value === 'string') digest[alg] = value;
    return { name: s.name, digest };
  });
  return { subjects, predicateType: json.predicateType, predicate: json.predicate };
}

/** Exactly one subject: a statement about several artifacts does not vouch for this one alone. */
export function singleSubject(statement: Statement): StatementSubject {
  const [first, ...rest] = statement.subjects;
  if (!first || rest.length > 0) fail('SUBJECT_COUNT', `expected exactly one subject, got ${statement.subjects.length}`);
  return first;
}

/** Hex digests compare case-insensitively: registries and builders disagree on case. */
export function requireDigest(subject: StatementSubject, algorithm: string, expectedHex: string): void {
  const actual = subject.digest[algorithm];
  if (actual === undefined) fail('SUBJECT_MISSING_DIGEST', `subject has no ${algorithm} digest`);
  if (!/^[0-9a-f]+$/i.test(actual) || actual.toLowerCase() !== expectedHex.toLowerCase()) {
    fail('SUBJECT_DIGEST', `subject ${algorithm} ${actual} does not match the artifact's ${expectedHex}`);
  }
}

/**
 * What identifies one attestation: the signed statement and its signatures. The same
 * attestation listed twice (even with other log evidence beside it) is still one attestation,
 * and must not be counted as two.
 */
export function signedContentKey(bundle: Bundle): string {
  if (bundle.content.$case !== 'dsseEnvelope') fail('POLICY_UNSUPPORTED_BUNDLE', 'expected a DSSE envelope, got a message signature');
  const { payload, signatures } = bundle.content.dsseEnvelope;
  return `${bytesToHex(payload)}|${signatures.map((s) => bytesToHex(s.sig)).join(',')}`;
}
