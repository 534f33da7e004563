// Per-file badges on a PyPI release page: one in each file card (or files-table row, in the
// redesign) of the Files tab, one at the top of each file's details panel, and one by each name in
// the redesign's Security tab file list. The page is used only to find where a filename is shown;
// what each file's verdict is comes from the worker.
import { codeText } from '../shared/code-text';
import { Badge } from '../ui/Badge';
import { type BadgeView, fileBadgeView } from '../ui/badge-text';
import { type DisplayState, packageAttr, resolvedPkg } from '../ui/display-state';
import { BADGE_CSS } from '../ui/styles';
import { openDetailsPanel } from './details-panel';
import { perTask } from './per-task';
import { pypiById, pypiQueryAll } from './pypi-dom';
import { after, type Locate, type MountedBadge, mountBadge } from './mount';
import type { VerdictSource } from './verdict-source';

// Distribution file extensions: lets the file badges show "checking" before the worker has
// told us the release's file list.
const DIST_FILE = /\.(whl|tar\.gz|zip|tar\.bz2|tgz|egg|exe|msi|rpm|dmg)$/i;

/** The last path segment of a link's target, decoded: the filename a download link serves. */
export function linkFilename(link: HTMLAnchorElement): string | null {
  // The anchor's own resolved pathname; a `#filename` link resolves to this page's (ending in /).
  try {
    const segment = link.pathname.split('/').pop();
    return segment ? decodeURIComponent(segment) : null;
  } catch {
    return null;
  }
}

// Where PyPI serves distribution files: a download link goes there, a README's link elsewhere.
const FILES_HOST = 'files.pythonhosted.org';

function readFileLinks(): Map<string, HTMLAnchorElement> {
  const found = new Map<string, HTMLAnchorElement>();
  const files = pypiById('files');
  if (files === null) return found;
  for (const link of files.querySelectorAll<HTMLAnchorElement>('a[href]')) {
    if (link.protocol !== 'https:' || link.hostname !== FILES_HOST) continue;
    const name = linkFilename(link);
    if (name !== null && DIST_FILE.test(name) && !found.has(name)) found.set(name, link);
  }
  return found;
}

/**
 * Download links in PyPI's Files tab (never the README's), first one per filename. One read per
 * task: the page's ask (pypi-site.ts) and the badges placed beside them in the same task share it.
 */
export const findFileLinks = perTask(readFileLinks);

function detailsHeading(filename: string): Element | null {
  const panel = pypiById(filename);
  if (panel === null || panel.closest('#files') !== null) return null;
  return panel.querySelector('h2, h3');
}

function securityListName(filename: string): Element | null {
  for (const name of pypiQueryAll('#security .attestations-viewer__file-name')) {
    if (name.textContent?.trim() === filename) return name;
  }
  return null;
}

type Place = 'card' | 'details' | 'security';
const LOCATE: Record<Place, (filename: string) => Locate> = {
  card: (f) => after(() => findFileLinks().get(f) ?? null),
  details: (f) => after(() => detailsHeading(f)),
  security: (f) => after(() => securityListName(f)),
};

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

  const update = (state: DisplayState, place: Place) => {
    const names = new Set(findFileLinks().keys());
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
      const badge = ensure(key, filename, LOCATE[place](filename));
      badge.setData(view.status, packageAttr(resolvedPkg(state)));
      badge.render(<Badge view={view} compact onOpen={(opener) => openDetailsPanel(source, opener)} />);
    }
  };

  const hiddenTabs = (state: DisplayState) => {
    update(state, 'details');
    update(state, 'security');
  };

  // The details panels and the Security tab are hidden tabs until a person opens one: their
  // badges come once the verdict is known, at the browser's next idle moment, so the file cards on screen are drawn
  // first. Once there, they follow every change with the cards.
  let detailsShown = false;
  let idle = 0;
  const onState = (state: DisplayState) => {
    update(state, 'card');
    if (detailsShown) hiddenTabs(state);
    else if (state.kind !== 'loading') {
      cancelIdleCallback(idle);
      const show = () => {
        detailsShown = true;
        hiddenTabs(state);
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
