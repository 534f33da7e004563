// A link to data-derived URLs: anchored only when safeHref accepts the URL, otherwise plain text,
// so a rejected value is still visible to the reader but never navigable.
import type { ComponentChildren } from 'preact';
import { safeHref } from './safe-link';

interface Props {
  href: string | null | undefined;
  children: ComponentChildren;
}

export function ExternalLink({ href, children }: Props) {
  const safe = safeHref(href);
  if (safe === null) return <span class="pl-text">{children}</span>;
  return (
    <a href={safe} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  );
}
