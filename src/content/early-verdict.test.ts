// @vitest-environment happy-dom
// The worker's early verdict (its reply to content/prepare) is drawn at DOMContentLoaded only
// where the page cannot change it; otherwise the page waits for its own ask, as before.
import '../testing/idle-callback';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PackageVerdict } from '../core/verdict';
import type { Message } from '../shared/messages';
import { createAsk } from '../ui/worker-client';
import { FILENAMES, VERDICTS } from '../ui/test-verdicts';
import { keepEarlyReply } from './early-start';
import { listenForEarlyVerdict } from './early-verdict';
import { pypiSite } from './pypi-site';
import { runSite } from './site-runner';
import { el } from '../testing/dom-el';

const fileCard = (filename: string) =>
  el('div', { class: 'file' }, el('div', { class: 'card file__card' }, el('a', { href: `https://files.pythonhosted.org/packages/ab/cd/${filename}` }, filename)));

/** A release page (or, with `header`, a "latest" page whose heading shows that version). */
function page(files: string[], header = 'widgets 1.2.0'): void {
  document.body.replaceChildren(el('h1', { class: 'project-header__name' }, header), el('div', { id: 'files' }, ...files.map(fileCard)));
}

const sent: Message[] = [];
let stop: () => void = () => undefined;
const hosts = () => Array.from(document.querySelectorAll<HTMLElement>('provenance-lens-badge'));
const statuses = () => hosts().map((h) => h.getAttribute('data-provenance-status'));
/** The page's own ask never answers here: whatever the badges show came early. */
const silentWorker = createAsk((m) => {
  sent.push(m);
  return new Promise(() => undefined);
});

async function early(verdict: PackageVerdict): Promise<void> {
  keepEarlyReply(Promise.resolve({ ok: true, value: verdict }));
  listenForEarlyVerdict();
  await new Promise((resolve) => setTimeout(resolve, 0));
}

beforeEach(() => {
  sent.length = 0;
  history.replaceState(null, '', '/project/widgets/1.2.0/');
});
afterEach(() => {
  stop();
  document.body.replaceChildren();
});

describe('the early verdict on a PyPI page', () => {
  it('is drawn at once when the page lists exactly the files it checked; the page still asks', async () => {
    await early(VERDICTS.verified);
    page([FILENAMES.wheel, FILENAMES.sdist]);
    stop = runSite(pypiSite, silentWorker);
    expect(statuses()).toEqual(['verified', 'verified', 'verified']);
    expect(sent.map((m) => m.type)).toEqual(['content/verdict']);
  });

  it('is not drawn when the page lists a file it did not check (an upload since): the page waits', async () => {
    await early(VERDICTS.verified);
    page([FILENAMES.wheel, FILENAMES.sdist, 'widgets-1.2.0-cp313-cp313-win_amd64.whl']);
    stop = runSite(pypiSite, silentWorker);
    expect(statuses().filter((s) => s !== 'loading' && s !== null)).toEqual([]);
  });

  it("is not drawn beside PyPI's own notice (the worker compares the two)", async () => {
    await early(VERDICTS.verified);
    page([FILENAMES.wheel, FILENAMES.sdist]);
    document.body.append(el('div', { class: 'sidebar-section' }, el('a', { href: '#security' }, 'Security'), el('strong', {}, 'Change of provenance')));
    stop = runSite(pypiSite, silentWorker);
    expect(statuses().filter((s) => s !== 'loading' && s !== null)).toEqual([]);
  });

  it('is not drawn on a "latest" page whose header shows another release', async () => {
    history.replaceState(null, '', '/project/widgets/');
    await early(VERDICTS.verified);
    page([FILENAMES.wheel, FILENAMES.sdist], 'widgets 1.3.0');
    stop = runSite(pypiSite, silentWorker);
    expect(statuses().filter((s) => s !== 'loading' && s !== null)).toEqual([]);
  });

  it('is given out once, and only for the release the URL names', async () => {
    history.replaceState(null, '', '/project/widgets/9.9.9/');
    await early(VERDICTS.verified);
    page([FILENAMES.wheel, FILENAMES.sdist], 'widgets 9.9.9');
    stop = runSite(pypiSite, silentWorker);
    expect(statuses().filter((s) => s !== 'loading' && s !== null)).toEqual([]);
  });
});
