// PyPI releases that are not (fully) verified: only some files or no file with provenance
// (amber "N of M", neutral grey, never red), an attested digest that is not the registry's
// (invalid, red), and registry trouble (unavailable, "couldn't check"): an HTTP 500 and a
// request that never ends, so the worker's own timeout has to fire.
import { expect, test } from './support/extension-test';
import { expectBadge, expectBadgeText, pypiFileBadge, pypiFileBadges, pypiTitleBadge, snapBadge, snapPage } from './support/page-inspection';

test('PyPI partial: sigstore 3.6.1 has one verified sdist and one wheel without provenance', async ({ page, openPopup }) => {
  await page.goto('https://pypi.org/project/sigstore/3.6.1/');
  const badge = pypiTitleBadge(page);
  await expectBadge(badge, 'partial', 'pypi:sigstore@3.6.1');
  await expectBadgeText(badge, /1 of 2/);

  await expect(pypiFileBadges(page)).toHaveCount(2);
  await expect(pypiFileBadge(page, 'sigstore-3.6.1.tar.gz')).toHaveAttribute('data-provenance-status', 'verified');
  await expect(pypiFileBadge(page, 'sigstore-3.6.1-py3-none-any.whl')).toHaveAttribute('data-provenance-status', 'none');
  await snapBadge(badge, 'pypi-partial-sigstore');

  const popup = await openPopup(page);
  await expect(popup.locator('a[href="https://github.com/sigstore/sigstore-python"]').first()).toBeVisible();
  await expect(popup.locator('body')).toContainText('sigstore-3.6.1-py3-none-any.whl');
  await snapPage(popup, 'pypi-partial-sigstore-popup');
});

test('PyPI none: an authored project without provenance shows a neutral badge', async ({ page, openPopup, fixtureServer }) => {
  const since = fixtureServer.requests.length;
  await page.goto('https://pypi.org/project/lens-fixture-none/');
  const badge = pypiTitleBadge(page);
  await expectBadge(badge, 'none', 'pypi:lens-fixture-none@1.2.0');
  await expectBadgeText(badge, /no provenance/i);
  // "none" must come from asking the Integrity API about every file, not from a guess.
  const asked = fixtureServer.requests.slice(since).filter((r) => r.path.startsWith('/integrity/lens-fixture-none/1.2.0/'));
  expect(asked.length).toBeGreaterThanOrEqual(2);
  await snapBadge(badge, 'pypi-none');

  const popup = await openPopup(page);
  await expect(popup.locator('body')).toContainText(/no provenance/i);
  await snapPage(popup, 'pypi-none-popup');
});

test('PyPI invalid: a registry digest that differs from the attested subject fails the check', async ({ page, openPopup }) => {
  await page.goto('https://pypi.org/project/pypi-attestation-models/0.0.4a2/');
  const badge = pypiTitleBadge(page);
  await expectBadge(badge, 'invalid', 'pypi:pypi-attestation-models@0.0.4a2');
  await expectBadgeText(badge, /fail/i);
  await expect(pypiFileBadges(page).first()).toHaveAttribute('data-provenance-status', 'invalid');
  await snapBadge(badge, 'pypi-invalid');

  const popup = await openPopup(page);
  await expect(popup.locator('body')).toContainText('SUBJECT_DIGEST');
  await snapPage(popup, 'pypi-invalid-popup');
});

test('PyPI unavailable: an Integrity API answering 500 gives "couldn\'t check"', async ({ page, fixtureServer }) => {
  const since = fixtureServer.requests.length;
  await page.goto('https://pypi.org/project/lens-fixture-error/');
  const badge = pypiTitleBadge(page);
  await expectBadge(badge, 'unavailable', 'pypi:lens-fixture-error@2.0.0', 40_000);
  await expectBadgeText(badge, /couldn.t check/i);
  const integrity = fixtureServer.requests.slice(since).filter((r) => r.path.startsWith('/integrity/lens-fixture-error/'));
  expect(integrity.length).toBeGreaterThanOrEqual(1);
  await snapBadge(badge, 'pypi-unavailable-500');
});

test('PyPI unavailable: an Integrity API that never answers ends in the worker timeout', async ({ page, fixtureServer }) => {
  test.setTimeout(120_000);
  await page.goto('https://pypi.org/project/lens-fixture-hang/2.1.0/');
  const badge = pypiTitleBadge(page);
  await expect(badge).toHaveAttribute('data-provenance-status', 'loading');
  await expect.poll(() => fixtureServer.hanging(), { message: 'the hang scenario must be reached' }).toBeGreaterThan(0);
  await expectBadge(badge, 'unavailable', 'pypi:lens-fixture-hang@2.1.0', 90_000);
  await expectBadgeText(badge, /couldn.t check/i);
  await snapBadge(badge, 'pypi-unavailable-timeout');
});

test('PyPI unavailable: the popup offers a retry for registry trouble', async ({ page, openPopup }) => {
  await page.goto('https://pypi.org/project/lens-fixture-error/2.0.0/');
  await expectBadge(pypiTitleBadge(page), 'unavailable', 'pypi:lens-fixture-error@2.0.0', 40_000);
  const popup = await openPopup(page);
  await expect(popup.getByRole('button', { name: /retry/i }).first()).toBeVisible();
  await expect(popup.locator('body')).toContainText('FETCH_');
  await snapPage(popup, 'pypi-unavailable-popup');
});
