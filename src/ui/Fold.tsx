// A collapsible section of the details: a named region holding a native <details> (keyboard and
// screen readers know it), its summary the section's name and count. The first screen keeps the
// verdict and who built it; everything else folds below.
import type { ComponentChildren } from 'preact';

interface Props {
  title: string;
  /** Shown after the title, e.g. "(2)". */
  count?: number;
  open?: boolean;
  children: ComponentChildren;
}

export function Fold({ title, count, open, children }: Props) {
  return (
    <section class="pl-section" aria-label={title}>
      <details class="pl-fold" open={open}>
        <summary>
          {title}
          {count !== undefined ? ` (${count})` : ''}
        </summary>
        {children}
      </details>
    </section>
  );
}
