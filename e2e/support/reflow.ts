// Reflow checks run inside the page (issue 16, item 1): text that wraps in the middle of a word,
// and content wider than the window. Both walk open shadow roots, where our badge and panel live.
import type { Page } from '@playwright/test';

/**
 * Words laid out over two lines with a letter or digit on each side of the break: a wrap in the
 * middle of a word. A break after "-", "/", "." or "@" is a normal line-break opportunity in a
 * file name or URL and is not counted. Returns each such word with the two characters around it.
 */
export function midWordBreaks(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const lineOf = (range: Range) => Math.round(range.getBoundingClientRect().top);
    const visitText = (text: Text) => {
      const value = text.data;
      for (const match of value.matchAll(/\S{2,}/g)) {
        const start = match.index ?? 0;
        const whole = document.createRange();
        whole.setStart(text, start);
        whole.setEnd(text, start + match[0].length);
        const tops = new Set([...whole.getClientRects()].map((r) => Math.round(r.top)));
        if (tops.size < 2) continue;
        const one = document.createRange();
        let previous: number | undefined;
        for (let i = start; i < start + match[0].length; i++) {
          one.setStart(text, i);
          one.setEnd(text, i + 1);
          const top = lineOf(one);
          if (previous !== undefined && top > previous && /[\p{L}\p{N}]/u.test(value.charAt(i - 1)) && /[\p{L}\p{N}]/u.test(value.charAt(i))) {
            const where = text.parentElement;
            const tag = where === null ? '' : ` in ${where.localName}${where.classList.length > 0 ? `.${[...where.classList].join('.')}` : ''}`;
            found.push(`${match[0]} (between "${value.charAt(i - 1)}" and "${value.charAt(i)}"${tag})`);
          }
          previous = top;
        }
      }
    };
    const visit = (root: Document | ShadowRoot) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        if (node.nodeType === Node.TEXT_NODE) visitText(node as Text);
        else if ((node as Element).shadowRoot) visit((node as Element).shadowRoot as ShadowRoot);
      }
    };
    visit(document);
    return found;
  });
}

/** Whether the page scrolls sideways: its content is wider than its window. */
export function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}
