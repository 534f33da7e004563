// @vitest-environment happy-dom
// The title badge belongs to the heading of the package the URL names, on both sites, and on npm
// nothing is placed before the page has loaded (React hydrates the server's HTML until then).
// Synthetic DOM from the LANDMARKS.md landmarks; not copied from either site.
import '../testing/idle-callback';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PackageRef } from '../core/verdict';
import { createAsk } from '../ui/worker-client';
import { VERDICTS } from '../ui/test-verdicts';
import type { Site } from './site-runner';

let stop: () => void = () => undefined;
afterEach(() => {
  stop();
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

const asked: PackageRef[] = [];
const ask = createAsk(async (m) => {
  if (m.type !== 'content/verdict') return { ok: true, value: { searchBadges: true } };
  asked.push(m.pkg);
  return { ok: true, value: { ...VERDICTS.verified, pkg: { ...m.pkg, version: m.pkg.version ?? '1.0.0' }, files: [] } };
});

/** `#top` > h1 > [name span, types icon], as the npm site renders a package header. */
function npmHeader(name: string): HTMLElement {
  const h1 = document.createElement('h1');
  const label = document.createElement('span');
  label.textContent = name;
  const icon = document.createElement('div');
  icon.textContent = 'TS';
  h1.append(label, icon);
  const top = document.createElement('div');
  top.id = 'top';
  top.append(h1);
  document.body.replaceChildren(top);
  return h1;
}

async function start(path: string, load: () => Promise<{ site: Site; runSite: typeof import('./site-runner').runSite }>): Promise<void> {
  history.replaceState(null, '', path);
  const { site, runSite } = await load();
  asked.length = 0;
  stop = runSite(site, ask);
  await vi.waitFor(() => expect(asked).toHaveLength(1));
}

// Fresh modules per test: the npm site remembers once per document that hydration is over.
const npm = async () => {
  vi.resetModules();
  return { site: (await import('./npm-site')).npmSite, runSite: (await import('./site-runner')).runSite };
};
const pypi = async () => ({ site: (await import('./pypi-site')).pypiSite, runSite: (await import('./site-runner')).runSite });
/** Our badge beside the heading `el` (its next sibling), or null. */
const badgeIn = (el: Element | null) => (el?.nextElementSibling?.localName === 'provenance-lens-badge' ? el.nextElementSibling : null);

describe('npm title badge', () => {
  it('waits for the load event before placing anything, but asks for the verdict at once', async () => {
    vi.spyOn(document, 'readyState', 'get').mockReturnValue('interactive');
    const h1 = npmHeader('left-pad');
    await start('/package/left-pad', npm);
    await new Promise((r) => setTimeout(r, 60));
    expect(badgeIn(h1)).toBeNull();
    window.dispatchEvent(new Event('load'));
    await vi.waitFor(() => expect(badgeIn(h1)?.getAttribute('data-provenance-package')).toBe('npm:left-pad@1.0.0'));
  });

  it('places nothing under a heading that shows another package, then follows the one that does', async () => {
    const old = npmHeader('right-pad');
    await start('/package/left-pad', npm);
    await new Promise((r) => setTimeout(r, 60));
    expect(document.querySelector('provenance-lens-badge')).toBeNull();
    // The site renders the new package as a new header, name beside its icon.
    const h1 = npmHeader('left-pad');
    await vi.waitFor(() => expect(badgeIn(h1)?.getAttribute('data-provenance-status')).toBe('verified'));
    expect(badgeIn(old)).toBeNull();
  });

  it('follows a heading whose text the site changes in place', async () => {
    const h1 = npmHeader('right-pad');
    await start('/package/left-pad', npm);
    (h1.firstChild?.firstChild as Text).data = 'left-pad';
    await vi.waitFor(() => expect(badgeIn(h1)).not.toBeNull());
  });

  it('gives a "not found" page no badge', async () => {
    npmHeader('not found');
    await start('/package/left-pad', npm);
    await new Promise((r) => setTimeout(r, 60));
    expect(document.querySelector('provenance-lens-badge')).toBeNull();
  });
});

describe('PyPI title badge', () => {
  const header = (text: string) => {
    const h1 = document.createElement('h1');
    h1.className = 'project-header__name';
    h1.textContent = `\n  ${text}\n`;
    document.body.replaceChildren(h1);
    return h1;
  };

  it('badges the header showing the project of the URL, in its display spelling', async () => {
    const h1 = header('Widget_Tools 1.2.0');
    await start('/project/widget-tools/1.2.0/', pypi);
    await vi.waitFor(() => expect(badgeIn(h1)?.getAttribute('data-provenance-status')).toBe('verified'));
  });

  it('leaves a header showing another project alone', async () => {
    header('gadgets 1.2.0');
    await start('/project/widgets/1.2.0/', pypi);
    await new Promise((r) => setTimeout(r, 60));
    expect(document.querySelector('provenance-lens-badge')).toBeNull();
  });
});
