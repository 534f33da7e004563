// Per-file badges on a PyPI release page: one in each file card of the Files tab and one at the
// top of each file's details panel. The page is used only to find where a filename is shown;
// what each file's verdict is comes from the worker.
import { codeText } from '../shared/code-text';
import { Badge } from '../ui/Badge';
import { type BadgeView, fileBadgeView } from '../ui/badge-text';
import { type DisplayState, packageAttr, resolvedPkg } from '../ui/display-state';
import { BADGE_CSS } from '../ui/styles';
import { openDetailsPanel } from './details-panel';
import { perTask } from './per-task';
import { after, appendTo, type Locate, type MountedBadge, mountBadge } from './mount';
import type { VerdictSource } from './verdict-source';

// Distribution file extensions: lets the file badges show "checking" before the worker has
// told us the release's file list.
const DIST_FILE = /\.(whl|tar\.gz|zip|tar\.bz2|tgz|egg|exe|msi|rpm|dmg)$/i;

/** The last path segment of a link's target, decoded: the filename a download link serves. */
export function linkFilename(link: HTMLAnchorElement): string | null {
  const raw = link.getAttribute('href');
  if (raw === null || raw.startsWith('#')) return null;
  try {
    const segment = new URL(raw, document.baseURI).pathname.split('/').pop() ?? '';
    return segment === '' ? null : decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** Download links in the Files tab, first one per filename. */
export function findFileLinks(): Map<string, HTMLAnchorElement> {
  const found = new Map<string, HTMLAnchorElement>();
  const files = document.getElementById('files');
  if (files === null) return found;
  for (const link of files.querySelectorAll<HTMLAnchorElement>('a[href]')) {
    const name = linkFilename(link);
    if (name !== null && DIST_FILE.test(name) && !found.has(name)) found.set(name, link);
  }
  return found;
}

const currentFileLinks = perTask(findFileLinks);

function detailsHeading(filename: string): Element | null {
  // getElementById, not a CSS selector: filenames are full of dots.
  const panel = document.getElementById(filename);
  if (panel === null || panel.closest('#files') !== null) return null;
  return panel.querySelector('h2, h3');
}

/** The file's badge; undefined when the worker's verdict does not list the file. */
function fileView(state: DisplayState, filename: string): BadgeView | undefined {
  if (state.kind === 'loading') return fileBadgeView(filename, null);
  if (state.kind === 'failed') {
    const fullText = `Couldn't check provenance of ${filename}: ${codeText(state.code)}`;
    return { status: 'unavailable', text: "Couldn't check", fullText };
  }
  const verdict = state.verdict.files.find((f) => f.filename === filename)?.verdict;
  return verdict === undefined ? undefined : fileBadgeView(filename, verdict);
}

/** The longest a busy page may keep the details panels' badges waiting. */
const DETAILS_WITHIN_MS = 250;

export function mountFileBadges(source: VerdictSource): () => void {
  const mounts = new Map<string, MountedBadge>();

  const ensure = (key: string, filename: string, locate: Locate) => {
    let badge = mounts.get(key);
    if (badge === undefined) {
      badge = mountBadge({ locate, css: BADGE_CSS, data: { 'provenance-file': filename } });
      mounts.set(key, badge);
    }
    return badge;
  };

  const update = (state: DisplayState, place: 'card' | 'details') => {
    const names = new Set(currentFileLinks().keys());
    if (state.kind === 'verdict') for (const f of state.verdict.files) names.add(f.filename);
    for (const filename of names) {
      const view = fileView(state, filename);
      const key = `${place}:${filename}`;
      if (view === undefined) {
        // The worker does not know this file: no badge rather than a guess.
        mounts.get(key)?.destroy();
        mounts.delete(key);
        continue;
      }
      const locate = place === 'card' ? after(() => currentFileLinks().get(filename) ?? null) : appendTo(() => detailsHeading(filename));
      const badge = ensure(key, filename, locate);
      badge.setData(view.status, packageAttr(resolvedPkg(state)));
      badge.render(<Badge view={view} compact onOpen={(opener) => openDetailsPanel(source, opener)} />);
    }
  };

  // The details panels are hidden tabs until a person opens one: their badges come once the
  // verdict is known, at the browser's next idle moment, so the file cards on screen are drawn
  // first. Once there, they follow every change with the cards.
  let detailsShown = false;
  let idle = 0;
  const onState = (state: DisplayState) => {
    update(state, 'card');
    if (detailsShown) update(state, 'details');
    else if (state.kind !== 'loading') {
      cancelIdleCallback(idle);
      const show = () => {
        detailsShown = true;
        update(state, 'details');
      };
      idle = requestIdleCallback(show, { timeout: DETAILS_WITHIN_MS });
    }
  };

  const unsubscribe = source.subscribe(onState);
  return () => {
    unsubscribe();
    cancelIdleCallback(idle);
    for (const badge of mounts.values()) badge.destroy();
    mounts.clear();
  };
}
