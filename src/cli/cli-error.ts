// Failures that are the caller's fault rather than the artifact's: they end in exit code 2
// (DESIGN 4), so they must never be confused with a verdict, which ends in 0 or 1.

/** `usage`: the command line is wrong. `input`: a named file cannot be read or parsed. */
export type CliErrorKind = 'usage' | 'input';

/** Stable codes for scripts reading `--json`; they sit beside the core's ErrorCode values. */
export type CliErrorCode = 'CLI_USAGE' | 'CLI_INPUT';

export class CliError extends Error {
  readonly kind: CliErrorKind;

  constructor(kind: CliErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CliError';
    this.kind = kind;
  }

  get code(): CliErrorCode {
    return this.kind === 'usage' ? 'CLI_USAGE' : 'CLI_INPUT';
  }
}

export function usageError(message: string): CliError {
  return new CliError('usage', message);
}

export function inputError(message: string, cause?: unknown): CliError {
  return new CliError('input', message, { cause });
}

export const EXIT_VERIFIED = 0;
export const EXIT_NOT_VERIFIED = 1;
export const EXIT_USAGE_OR_INPUT = 2;
