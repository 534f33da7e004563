// What a hostile string could have done to the extension's UI, read from the DOM: markup that
// became elements, inline handlers, links to anywhere but the allowed https hosts, and the
// window.__pwned trap every payload sets when it runs. Walks open shadow roots (the badge and
// panel live in one); in a page only the extension's shadow roots are looked at.
import type { Page } from '@playwright/test';

export interface InertnessReport {
  pwned: unknown;
  /** `tag` of elements no extension UI needs (img, script, iframe, object, embed). */
  dangerousElements: string[];
  /** `tag[attr]` for every on* attribute. */
  handlerAttributes: string[];
  /** hrefs that are not https on github.com, gitlab.com or search.sigstore.dev (or a fixed report page). */
  badLinks: string[];
  links: string[];
  /** Text content of what was inspected (shadow roots: their text; popup: body text). */
  text: string;
}

// Data-derived links go only to the forges and Sigstore's search; the two fixed pages where a
// failed check tells people to report a package (src/ui/NextSteps.tsx) are allowed exactly.
export const ALLOWED_LINK =
  /^(https:\/\/(github\.com|gitlab\.com|search\.sigstore\.dev)\/|https:\/\/pypi\.org\/security\/$|https:\/\/docs\.npmjs\.com\/reporting-malware-in-an-npm-package$)/;

export async function inspectInertness(page: Page, scope: 'extension-shadow-roots' | 'whole-document'): Promise<InertnessReport> {
  return page.evaluate(
    ({ scope, allowed }) => {
      const allowedRe = new RegExp(allowed);
      const roots: (Document | ShadowRoot)[] = [];
      const collect = (root: Document | ShadowRoot | Element): void => {
        for (const el of Array.from(root.querySelectorAll('*'))) {
          if (el.shadowRoot) {
            roots.push(el.shadowRoot);
            collect(el.shadowRoot);
          }
        }
      };
      if (scope === 'whole-document') roots.push(document);
      collect(document);
      const report = { dangerousElements: [] as string[], handlerAttributes: [] as string[], badLinks: [] as string[], links: [] as string[], text: '' };
      for (const root of roots) {
        for (const el of Array.from(root.querySelectorAll('*'))) {
          const tag = el.tagName.toLowerCase();
          // The popup's own bundle is a same-origin <script src>: the only script that belongs there.
          const ownScript = tag === 'script' && (el as HTMLScriptElement).src.startsWith(`${location.origin}/`) && location.protocol === 'chrome-extension:';
          if (['img', 'script', 'iframe', 'object', 'embed', 'frame'].includes(tag) && !ownScript) report.dangerousElements.push(tag);
          for (const attr of Array.from(el.attributes)) {
            if (/^on/i.test(attr.name)) report.handlerAttributes.push(`${tag}[${attr.name}]`);
          }
          if (tag === 'a' && el.hasAttribute('href')) {
            const href = (el as HTMLAnchorElement).href;
            report.links.push(href);
            if (!allowedRe.test(href)) report.badLinks.push(href);
          }
        }
        const body = root instanceof Document ? root.body : root;
        report.text += ` ${(body as HTMLElement | ShadowRoot).textContent ?? ''}`;
      }
      return { ...report, pwned: (window as unknown as { __pwned?: unknown }).__pwned };
    },
    { scope, allowed: ALLOWED_LINK.source },
  );
}

/** Bidi controls that reorder text; shown raw, they let a field read differently than it is. */
export const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/;

/** Whether the payload is shown: literally, or as the path a URL parser makes of it. */
export function shownAs(text: string, payload: string): 'literal' | 'url-encoded' | 'not shown' {
  if (text.includes(payload)) return 'literal';
  const encoded = new URL(`https://example.invalid/${payload}`).pathname.slice(1);
  return text.includes(encoded) ? 'url-encoded' : 'not shown';
}
