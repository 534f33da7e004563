// PyPI packages whose every file has provenance that verifies, in both markup generations,
// on the project ("latest") page and the release page; the popup shows what the certificate says.
import { expect, test } from './support/extension-test';
import { expectBadge, expectBadgeText, pypiFileBadge, pypiFileBadges, pypiTitleBadge, snapBadge, snapPage } from './support/page-inspection';

interface VerifiedCase {
  name: string;
  version: string;
  markup: 'old' | 'new';
  repository: string;
  commit: string;
  logIndexes: string[];
  files: string[];
}

// Expected values come from the Fulcio certificates and Rekor entries of the real fixtures
// (shared/fixtures/index.json), not from the registry's unsigned publisher object.
const CASES: VerifiedCase[] = [
  {
    name: 'pypi-attestations',
    version: '0.0.19',
    markup: 'old',
    repository: 'trailofbits/pypi-attestations',
    commit: '08802efe1f8e5fec4ad842d6b8ce97656092ee72',
    logIndexes: ['153454663'],
    files: ['pypi_attestations-0.0.19.tar.gz'],
  },
  {
    name: 'sampleproject',
    version: '4.0.0',
    markup: 'new',
    repository: 'pypa/sampleproject',
    commit: '621e4974ca25ce531773def586ba3ed8e736b3fc',
    logIndexes: ['147137139', '147137144'],
    files: ['sampleproject-4.0.0.tar.gz', 'sampleproject-4.0.0-py3-none-any.whl'],
  },
];

for (const c of CASES) {
  for (const page of ['project', 'release'] as const) {
    const path = page === 'project' ? `/project/${c.name}/` : `/project/${c.name}/${c.version}/`;

    test(`PyPI verified: ${c.name} ${page} page (${c.markup} markup) shows a verified badge and per-file badges`, async ({ page: tab }) => {
      await tab.goto(`https://pypi.org${path}`);
      const badge = pypiTitleBadge(tab);
      await expectBadge(badge, 'verified', `pypi:${c.name}@${c.version}`);
      await expectBadgeText(badge, new RegExp(`Verified.*${c.repository}`, 'i'));

      await expect(pypiFileBadges(tab)).toHaveCount(c.files.length);
      for (const filename of c.files) {
        await expect(pypiFileBadge(tab, filename)).toHaveAttribute('data-provenance-status', 'verified');
      }
      await snapBadge(badge, `pypi-verified-${c.name}-${page}`);
    });
  }

  test(`PyPI verified: ${c.name} popup shows repository, workflow, commit and Rekor entries`, async ({ page: tab, openPopup }) => {
    await tab.goto(`https://pypi.org/project/${c.name}/${c.version}/`);
    await expectBadge(pypiTitleBadge(tab), 'verified', `pypi:${c.name}@${c.version}`);

    const popup = await openPopup(tab);
    await expect(popup.locator(`a[href="https://github.com/${c.repository}"]`).first()).toBeVisible();
    await expect(popup.locator('body')).toContainText('.github/workflows/release.yml');
    await expect(popup.locator('body')).toContainText(c.commit.slice(0, 7));
    for (const logIndex of c.logIndexes) {
      await expect(popup.locator(`a[href="https://search.sigstore.dev/?logIndex=${logIndex}"]`).first()).toBeAttached();
    }
    await snapPage(popup, `pypi-verified-${c.name}-popup`);
  });
}
