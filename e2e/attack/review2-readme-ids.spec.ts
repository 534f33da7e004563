// REGRESSION, fixed (was a FINDING; Chromium; review 2 of issue 14): PyPI renders a project's README into the page before
// the Files tab, and its sanitiser (pypa/readme_renderer clean.py) allows `id` on every element;
// docutils gives every reStructuredText section an id from its title. So a README with a section
// called "Files" (`<div class="section" id="files">`) is the first `#files` of the document, and
// the content script reads the page's file list with `document.getElementById('files')`:
//  1. an ordinary rST README with a "Files" section: the real Files tab gets no file badges
//     (MISSING badges), and the files the page lists are not sent (the FETCH_UNLISTED check of
//     bae0bc4 sees an empty list, test 3).
//  2. a README `<div id="files">` holding a link to another host whose path ends in a released
//     filename: a green "Verified" file badge is drawn beside the README's link (to a file the
//     registry never served), and none in the Files tab. A README `<div id="<filename>"><h2>`
//     gets the file's details badge too.
// Expected: file badges only beside the Files tab's download links (files.pythonhosted.org), the
// file list sent from that tab only; nothing placed inside the project description.
import { expect, test } from '@playwright/test';
import { readBadges, toolbarFor } from './attack-support';
import { both, pageListsExtraFile, withReadme } from './review2-support';
import { useAttackChromium } from './attack-session';

const attack = useAttackChromium();

const PATH = '/project/sampleproject/4.0.0/';
const URL_ = `https://pypi.org${PATH}`;
const WHEEL = 'sampleproject-4.0.0-py3-none-any.whl';
const SDIST = 'sampleproject-4.0.0.tar.gz';

// What readme_renderer makes of an rST README with a "Files" section (docutils html4css1, cleaned).
const RST_FILES_SECTION = `<div class="section" id="files">
<h2>Files</h2>
<p>The package keeps its data files under <tt class="docutils literal">data/</tt>.</p>
</div>`;

test('an rST README with a "Files" section: the Files tab still gets its file badges', async () => {
  attack.proxy.rules = [withReadme(PATH, RST_FILES_SECTION)];
  const page = attack.ext.context.pages()[0] ?? (await attack.ext.context.newPage());
  await page.goto(URL_);
  await expect(page.locator('h1 + provenance-lens-badge')).toHaveAttribute('data-provenance-status', 'verified', { timeout: 30_000 });
  await page.waitForTimeout(1500);
  const realFiles = page.locator('[id="files"]').last();
  await expect(realFiles.locator(`a[href$="/${WHEEL}"]`)).toHaveCount(1);
  const cardBadges = await realFiles.locator('[data-provenance-file]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-provenance-file')}:${e.getAttribute('data-provenance-status')}`));
  console.log('badges:', JSON.stringify(await page.evaluate(readBadges)));
  expect(cardBadges.sort(), 'file badges in the real Files tab').toEqual([`${WHEEL}:verified`, `${SDIST}:verified`].sort());
});

test('a README link to another host named like a released file gets no "Verified" badge', async () => {
  const readme = `<div id="files"><p>Get it here: <a href="https://downloads.example.net/mirror/${WHEEL}" rel="nofollow">${WHEEL}</a></p></div>
<div id="${SDIST}"><h2>Source archive</h2><p>Built nightly.</p></div>`;
  attack.proxy.rules = [withReadme(PATH, readme)];
  const page = attack.ext.context.pages()[0] ?? (await attack.ext.context.newPage());
  await page.goto(URL_);
  await expect(page.locator('h1 + provenance-lens-badge')).toHaveAttribute('data-provenance-status', 'verified', { timeout: 30_000 });
  await page.waitForTimeout(1500);
  const inReadme = await page.locator('#description [data-provenance-status]').evaluateAll((els) =>
    els.map((e) => `${e.getAttribute('data-provenance-file')}:${e.getAttribute('data-provenance-status')} beside ${e.previousElementSibling?.getAttribute('href') ?? e.parentElement?.tagName}`),
  );
  console.log('badges:', JSON.stringify(await page.evaluate(readBadges)));
  expect(inReadme, 'provenance badges inside the project description (README)').toEqual([]);
});

test('a README "Files" section hides a file the API does not list yet: still not verified', async () => {
  const extra = 'sampleproject-4.0.0-cp313-cp313-win_amd64.whl';
  attack.proxy.rules = [both(pageListsExtraFile(PATH, extra), withReadme(PATH, RST_FILES_SECTION))];
  const page = attack.ext.context.pages()[0] ?? (await attack.ext.context.newPage());
  await page.goto(URL_);
  await expect(page.locator('[id="files"]').last().locator(`a[href$="/${extra}"]`)).toHaveCount(1);
  const title = page.locator('h1 + provenance-lens-badge');
  await expect(title).toHaveAttribute('data-provenance-status', /verified|unavailable/, { timeout: 30_000 });
  await page.waitForTimeout(1000);
  const toolbar = await toolbarFor(attack.ext, page.url());
  console.log('title:', await title.getAttribute('data-provenance-status'), 'toolbar:', toolbar?.title);
  expect(await title.getAttribute('data-provenance-status'), 'title badge of a page listing a file nobody checked').toBe('unavailable');
  expect(toolbar?.title ?? '', 'toolbar').not.toContain('verified');
});
