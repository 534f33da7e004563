// PyPI pages with the real structure: arriving from a search result link, another spelling of a
// name (301 to the normalised one), a version page's details pane, and the redesign branches'
// files table, Security tab and sidebar "Provenance" block (our ?lens-ui=redesign variant).
import { expect, test } from './support/extension-test';
import { expectBadge, pypiFileBadge, pypiFileBadges, pypiTitleBadge } from './support/page-inspection';

const BADGE = 'provenance-lens-badge';
const SDIST = 'sampleproject-4.0.0.tar.gz';
const WHEEL = 'sampleproject-4.0.0-py3-none-any.whl';

test('PyPI paths: a search result link leads to the project page and its badge', async ({ page }) => {
  await page.goto('https://pypi.org/search/?q=sampleproject');
  await page.locator('a.package-snippet[href="/project/sampleproject/"]').click();
  await expect(page).toHaveURL('https://pypi.org/project/sampleproject/');
  await expectBadge(pypiTitleBadge(page), 'verified', 'pypi:sampleproject@4.0.0');
});

test('PyPI paths: another spelling answers 301 to the normalised name, badged as that project', async ({ page, fixtureServer }) => {
  const since = fixtureServer.requests.length;
  await page.goto('https://pypi.org/project/SampleProject/4.0.0/');
  await expect(page).toHaveURL('https://pypi.org/project/sampleproject/4.0.0/');
  expect(fixtureServer.requests.slice(since).some((r) => r.path === '/project/SampleProject/4.0.0/')).toBe(true);
  await expectBadge(pypiTitleBadge(page), 'verified', 'pypi:sampleproject@4.0.0');
  // The version page's file details pane (a hidden tab) gets its badge right after its heading.
  await page.goto('https://pypi.org/project/sampleproject/4.0.0/#files');
  const pane = page.locator(`[id="${SDIST}"] h2 + ${BADGE}`);
  await expect(pane).toHaveAttribute('data-provenance-status', 'verified');
  await expect(pane).toHaveAttribute('data-provenance-package', 'pypi:sampleproject@4.0.0');
});

test('PyPI redesign: files table, Security tab list and sidebar block each carry our badge', async ({ page }) => {
  await page.goto('https://pypi.org/project/sampleproject/4.0.0/?lens-ui=redesign');
  await expectBadge(pypiTitleBadge(page), 'verified', 'pypi:sampleproject@4.0.0');
  await expect(pypiFileBadges(page)).toHaveCount(2);
  for (const name of [SDIST, WHEEL]) {
    await expect(pypiFileBadge(page, name)).toHaveAttribute('data-provenance-status', 'verified');
    const listed = page.locator(`#security .attestations-viewer__file-item ${BADGE}[data-provenance-file="${name}"]`);
    await expect(listed).toHaveAttribute('data-provenance-status', 'verified');
  }
  await expect(page.locator(`table.table--files ${BADGE}`)).toHaveCount(2);
  // Beside PyPI's own headings, not inside them.
  for (const where of ['.project-description__sidebar .sidebar-section__title +', '#security .provenance-status .callout-block__heading +']) {
    await expectBadge(page.locator(`${where} ${BADGE}`), 'verified', 'pypi:sampleproject@4.0.0');
  }
});

test('PyPI redesign: PyPI says full provenance, ours is red; both are shown side by side', async ({ page }) => {
  await page.goto('https://pypi.org/project/pypi-attestation-models/0.0.4a2/?lens-ui=redesign');
  const sidebar = page.locator(`.project-description__sidebar .sidebar-section`);
  await expect(sidebar).toContainText('Full provenance');
  await expectBadge(sidebar.locator(BADGE), 'invalid', 'pypi:pypi-attestation-models@0.0.4a2');
  // The two disagree: the panel says so, names the file and says why.
  await sidebar.locator(`${BADGE} .pl-badge`).click();
  const note = page.locator('provenance-lens-panel dialog').getByRole('note');
  await expect(note).toContainText("PyPI's page shows attestations for pypi_attestation_models-0.0.4a2.tar.gz");
  await expect(note).toContainText('This check verifies each one in your browser');
});

test('PyPI redesign: PyPI says the publisher changed, the verified certificates do not; the panel says both and why', async ({ page }) => {
  await page.goto('https://pypi.org/project/sampleproject/4.0.0/?lens-ui=redesign&lens-notice=Change%20of%20provenance');
  const sidebar = page.locator(`.project-description__sidebar .sidebar-section`);
  await expect(sidebar).toContainText('Change of provenance');
  // Ours stays what the certificates say: verified, no continuity note of our own.
  await expectBadge(sidebar.locator(BADGE), 'verified', 'pypi:sampleproject@4.0.0');
  await sidebar.locator(`${BADGE} .pl-badge`).click();
  const note = page.locator('provenance-lens-panel dialog').getByRole('note');
  await expect(note).toContainText('PyPI\'s page says "Change of provenance"');
  await expect(note).toContainText('releases of the last 14 days');
  await expect(note).toContainText('built by pypa/sampleproject, with no change of publisher');
});
