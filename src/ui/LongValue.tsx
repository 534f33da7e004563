// Long values from certificates and logs (URLs, digests, SANs, file names): cut to one line with
// an ellipsis by CSS only, so hover (title), focus and copy still give the whole value. Where a
// value must show whole (a package name in a heading, a pin's facts), it may wrap after a
// separator (<wbr>) rather than in the middle of a word.
import { Fragment } from 'preact';
import { ExternalLink } from './ExternalLink';

// Characters after which a URL, path, file name or identity may wrap without splitting a word.
const SEPARATOR = /(?<=[/.\-_@:?&=#+])/u;

/** The value with a line-break opportunity after each separator; the text itself is unchanged. */
export function Breakable({ value }: { value: string }) {
  const parts = value.split(SEPARATOR);
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
