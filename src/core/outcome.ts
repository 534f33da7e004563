// Turning failures into verdicts: the public API never throws, whatever the input bytes hold.
import { isUnavailableCode, ProvenanceError, type ErrorCode } from './errors';
import type { ArtifactVerdict } from './verdict';

export function fail(code: ErrorCode, message: string): never {
  throw new ProvenanceError(code, message);
}

export function verdictFromError(error: unknown): ArtifactVerdict {
  if (error instanceof ProvenanceError) {
    const status = isUnavailableCode(error.code) ? 'unavailable' : 'invalid';
    return { status, code: error.code, message: error.message };
  }
  // A bug or an exotic input that slipped past our shape checks: never report it as verified,
  // and keep the message so the CLI and logs show what broke.
  const message = error instanceof Error ? error.message : String(error);
  return { status: 'invalid', code: 'PARSE_INPUT', message: `unexpected error: ${message}` };
}

/**
 * Checks every item even after one could not be checked: a failure later in the document must
 * not hide behind an earlier "couldn't check" (that would let an attacker pick grey over red).
 * Failures throw at once; the first couldn't-check is thrown once all items were checked.
 */
export function checkEach<T>(items: readonly T[], check: (item: T) => void): void {
  let deferred: ProvenanceError | undefined;
  for (const item of items) {
    try {
      check(item);
    } catch (error) {
      if (!(error instanceof ProvenanceError) || !isUnavailableCode(error.code)) throw error;
      deferred ??= error;
    }
  }
  if (deferred) throw deferred;
}

/** Runs a verification step and converts anything it throws into a verdict. */
export function guarded(run: () => ArtifactVerdict): ArtifactVerdict {
  try {
    return run();
  } catch (error) {
    return verdictFromError(error);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function requireRecord(value: unknown, what: string, code: ErrorCode = 'PARSE_SHAPE'): Record<string, unknown> {
  if (!isRecord(value)) fail(code, `${what} is not an object`);
  return value;
}

export function requireString(value: unknown, what: string, code: ErrorCode = 'PARSE_SHAPE'): string {
  if (typeof value !== 'string') fail(code, `${what} is not a string`);
  return value;
}

export function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
