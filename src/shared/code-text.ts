// One plain sentence per error code, for the badge's accessible name, the details panel and the
// popup. Keyed by code so the wording can change without touching anything that matches on codes.
// The sentences themselves are in code-text-table.ts, which extension pages load whole and the
// content scripts never bundle: they learn each sentence from the worker's reply that uses it.
import type { ErrorCode } from '../core/errors';
import type { MessageErrorCode } from './messages';

/** Raised by the UI itself when the background worker did not answer at all. */
export type LocalErrorCode = 'WORKER_UNREACHABLE';

export type ExplainableCode = ErrorCode | MessageErrorCode | LocalErrorCode;

// The sentences known here: the one the UI itself raises, plus those learnt from the table
// (extension pages) or from the worker's replies (content scripts).
const known = new Map<string, string>([
  ['WORKER_UNREACHABLE', 'The extension did not answer; reload the page.'],
]);

const CODE_SHAPE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

/** Adds sentences for codes; anything that is not a code and a short string is ignored. */
export function learnCodeTexts(texts: unknown): void {
  if (typeof texts !== 'object' || texts === null) return;
  for (const [code, text] of Object.entries(texts)) {
    if (CODE_SHAPE.test(code) && typeof text === 'string' && text.length <= 300) known.set(code, text);
  }
}

/** One plain sentence for a code; unknown strings (a newer worker) get a generic sentence. */
export function codeText(code: string): string {
  return known.get(code) ?? 'The check could not be completed.';
}

export function hasCodeText(code: string): boolean {
  return known.has(code);
}
