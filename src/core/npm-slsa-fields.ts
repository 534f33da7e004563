// Reading an SLSA predicate and comparing it with the certificate, shared by the GitHub and
// GitLab checks. A value the predicate or the certificate leaves out fails closed: a check
// that silently passes on a missing field would let a predicate say nothing and still "match".
import { fail, isRecord } from './outcome';

/** Fails with IDENTITY_PREDICATE_MISMATCH unless both sides state the same value. */
export function same(what: string, predicate: string | undefined, certificate: string | undefined, foldCase = false): void {
  const fold = (s: string | undefined) => (foldCase ? s?.toLowerCase() : s);
  if (predicate === undefined || certificate === undefined || fold(predicate) !== fold(certificate)) {
    mismatch(what, predicate, certificate);
  }
}

export function mismatch(what: string, predicate: string | undefined, certificate: string | undefined): never {
  fail('IDENTITY_PREDICATE_MISMATCH', `${what}: predicate says ${predicate ?? '(none)'}, certificate ${certificate ?? '(none)'}`);
}

/** The string at `path`, or undefined when any step is missing or not of the expected type. */
export function field(value: unknown, ...path: string[]): string | undefined {
  let current = value;
  for (const key of path) current = isRecord(current) ? current[key] : undefined;
  return typeof current === 'string' ? current : undefined;
}
