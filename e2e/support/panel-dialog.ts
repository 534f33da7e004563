// Where keyboard focus is, seen from the page: the details panel is a modal <dialog> in our
// shadow root, so `document.activeElement` is its host while focus is inside, and the badge's
// host once focus went back to the badge. Run in the page (Playwright's or puppeteer's evaluate).

export interface FocusSpot {
  /** The light-DOM element holding focus: a host of ours, or a page element. */
  host: string;
  /** Inside our shadow root, the focused element's tag and class, or null. */
  inner: string | null;
  dialogOpen: boolean;
}

export function focusSpot(): FocusSpot {
  const active = document.activeElement;
  const innerEl = active?.shadowRoot?.activeElement ?? null;
  const dialog = document.querySelector('provenance-lens-panel')?.shadowRoot?.querySelector('dialog') ?? null;
  return {
    host: active === null ? 'none' : active.tagName.toLowerCase(),
    inner: innerEl === null ? null : `${innerEl.tagName.toLowerCase()}${innerEl.className ? `.${String(innerEl.className).split(' ')[0]}` : ''}`,
    dialogOpen: dialog?.open === true,
  };
}

/** What is drawn at the middle of the first page link outside our elements (the top layer covers it). */
export function topAtPageLink(): string {
  const link = [...document.querySelectorAll('a[href]')].find((a) => a.getBoundingClientRect().width > 0 && !a.closest('provenance-lens-panel'));
  if (link === undefined) return 'no link';
  const box = link.getBoundingClientRect();
  const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return top === null ? 'nothing' : top.tagName.toLowerCase();
}
