// Long values from certificates and logs (URLs, digests, SANs, file names): cut to one line with
// an ellipsis by CSS only, so hover (title), focus and copy still give the whole value. Where a
// value must show whole (a package name in a heading, a pin's facts), it may wrap after a
// separator (<wbr>) rather than in the middle of a word.
import { Fragment } from 'preact';
import { ExternalLink } from './ExternalLink';

// Characters after which a URL, path, file name or identity may wrap without splitting a word.
const SEPARATOR = /(?<=[/.\-_@:?&=#+])/u;

// A run without a separator or space longer than this cannot wrap without splitting a word at
// 200% zoom (about 20 characters fit in the popup's 210 CSS px); such a value is cut instead.
const LONGEST_WHOLE_RUN = 20;

/** Whether `value` holds a run that could only wrap mid-word. */
export function hasUnbreakableRun(value: string): boolean {
  return value.split(/\s+/u).some((word) => word.split(SEPARATOR).some((part) => Array.from(part).length > LONGEST_WHOLE_RUN));
}

/**
 * The value with a line-break opportunity after each separator; the text itself is unchanged.
 * A value with a run too long to wrap whole (a hostile certificate's, a rare package name) is cut
 * on one line instead, with the whole value on hover (title) and copy.
 */
export function Breakable({ value }: { value: string }) {
  if (hasUnbreakableRun(value)) {
    return (
      <span class="pl-long" title={value}>
        {value}
      </span>
    );
  }
  const parts = value.split(SEPARATOR);
  // Nowhere to break (most badge labels): the text alone, without fragments around it.
  if (parts.length === 1) return value;
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 ? <wbr /> : null}
        </Fragment>
      ))}
    </>
  );
}

/**
 * One line, cut with an ellipsis; a link when `href` is given (plain text when safe-link refuses
 * it), otherwise focusable itself so keyboard users can expand it too.
 */
export function LongValue({ value, href, code = false }: { value: string; href?: string | null; code?: boolean }) {
  // No <wbr> here: Chromium breaks at one even inside white-space: nowrap, which would undo the cut.
  const inner = code ? <code>{value}</code> : value;
  const text = (
    <span class="pl-long" title={value}>
      {inner}
    </span>
  );
  return href === undefined ? <span tabIndex={0}>{text}</span> : <ExternalLink href={href}>{text}</ExternalLink>;
}
