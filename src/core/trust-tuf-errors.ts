// Why a TUF refresh was refused, as a short stable reason the popup and the CLI can show. The
// library's errors are told apart by class (never by name: builds minify names); the two
// version errors that are not rollbacks (a file whose version is not the one its parent role
// states) are told apart by the library's own fixed wording.
import { LengthOrHashMismatchError, UnsignedMetadataError } from '@tufjs/models/dist/error';
import { BadVersionError, ExpiredMetadataError } from 'tuf-js/dist/error';

export type TufFailureReason =
  | 'TUF_FETCH'
  | 'TUF_TIMEOUT'
  | 'TUF_TOO_LARGE'
  | 'TUF_EXPIRED'
  | 'TUF_ROLLBACK'
  | 'TUF_MISMATCH'
  | 'TUF_SIGNATURE'
  | 'TUF_TARGET_MISSING'
  | 'TUF_INVALID';

export class TufRefreshError extends Error {
  override readonly name = 'TufRefreshError';
  constructor(
    readonly reason: TufFailureReason,
    message: string,
  ) {
    super(message);
  }
}

export function tufFailure(error: unknown): TufRefreshError {
  if (error instanceof TufRefreshError) return error;
  const message = error instanceof Error ? error.message.slice(0, 300) : String(error).slice(0, 300);
  if (error instanceof ExpiredMetadataError) return new TufRefreshError('TUF_EXPIRED', message);
  if (error instanceof BadVersionError) {
    // "Version n of role does not match snapshot version m", "Snapshot version doesn't match timestamp".
    return new TufRefreshError(/n['o]t match/.test(message) ? 'TUF_MISMATCH' : 'TUF_ROLLBACK', message);
  }
  if (error instanceof UnsignedMetadataError) return new TufRefreshError('TUF_SIGNATURE', message);
  if (error instanceof LengthOrHashMismatchError) return new TufRefreshError('TUF_MISMATCH', message);
  return new TufRefreshError('TUF_INVALID', message);
}
