// Hostile strings in signed certificate fields and in page URLs (item "Reliability and
// security" 3): whatever a publisher puts in its repository, workflow, ref or e-mail, and
// whatever a link puts in a package name or version, is shown as text (or refused), never
// run, and never becomes a link off github.com / gitlab.com / search.sigstore.dev.
import type { Page } from '@playwright/test';
import { expect, test } from './support/extension-test';
import { anyBadge, expectBadge, pypiTitleBadge, snapPage } from './support/page-inspection';
import { CERT_PAYLOAD_SETS, LONG_WORKFLOW, URL_NAME_PAYLOADS, URL_VERSION_PAYLOADS, certPayloadCount } from './testca/hostile-payloads';
import { BIDI_CONTROLS, inspectInertness, shownAs, type InertnessReport } from './testca/inertness';

test.use({ testca: true });

function expectInert(report: InertnessReport, where: string): void {
  expect(report.pwned, `${where}: no payload ran`).toBeUndefined();
  expect(report.dangerousElements, `${where}: no markup became elements`).toEqual([]);
  expect(report.handlerAttributes, `${where}: no inline handlers`).toEqual([]);
  expect(report.badLinks, `${where}: links only to https github.com, gitlab.com, search.sigstore.dev`).toEqual([]);
}

/** Opens the in-page panel from the title badge and inspects the page's extension UI. */
async function panelReport(page: Page): Promise<InertnessReport> {
  await pypiTitleBadge(page).locator('button.pl-badge').click();
  await expect(page.getByRole('dialog')).toBeVisible();
  return inspectInertness(page, 'extension-shadow-roots');
}

test('lens-hostile-cert: markup, javascript: URLs, bidi and a very long workflow in the certificate render as text in badge, panel and popup', async ({ page, openPopup }) => {
  const set = CERT_PAYLOAD_SETS[0];
  if (!set) throw new Error('no payload sets');
  await page.goto(`https://pypi.org/project/${set.name}/`);
  const badge = pypiTitleBadge(page);
  await expectBadge(badge, 'verified', `pypi:${set.name}@1.0.0`);
  expectInert(await inspectInertness(page, 'extension-shadow-roots'), 'badge');

  const panel = await panelReport(page);
  expectInert(panel, 'panel');
  await snapPage(page, 'hostile-cert-panel');
  const popupPage = await openPopup(page);
  await expect(popupPage.locator('body')).toContainText('Verified');
  const popup = await inspectInertness(popupPage, 'whole-document');
  expectInert(popup, 'popup');
  await snapPage(popupPage, 'hostile-cert-popup');

  for (const [where, report] of [['panel', panel], ['popup', popup]] as const) {
    // Repository: from the certificate's source-repository URI, so shown as that URI's path.
    expect(shownAs(report.text, 'acme/<img src=x onerror="window.__pwned=1;alert(1)">'), `${where}: repository`).not.toBe('not shown');
    expect(report.text, `${where}: trigger`).toContain('<script>window.__pwned=2;alert(2)</script>');
    expect(report.text, `${where}: runner environment`).toContain('javascript:window.__pwned=5//');
    expect(report.text, `${where}: ref`).toContain('gpj.exe');
    // Bidi overrides and zero-width characters are shown, not applied, so the ref cannot pose
    // as "v1.0.0exe.jpg".
    expect(report.text, `${where}: ref shows its override`).toContain('refs/tags/v1.0.0⟨U+202E⟩gpj.exe⟨U+200B⟩⟨U+200D⟩');
    expect(BIDI_CONTROLS.test(report.text), `${where}: no raw bidi control characters`).toBe(false);
    expect(report.text, `${where}: long workflow`).toContain(LONG_WORKFLOW);
  }
});

test('certificate payload sets: every package renders inertly (verified) or is refused with a code', async ({ page, openPopup }) => {
  test.setTimeout(180_000);
  const shown: Record<string, number> = { literal: 0, 'url-encoded': 0, 'not shown': 0 };
  const bidiRaw: string[] = [];
  for (const set of CERT_PAYLOAD_SETS) {
    await page.goto(`https://pypi.org/project/${set.name}/`);
    await expectBadge(pypiTitleBadge(page), set.expectVerified ? 'verified' : 'invalid', `pypi:${set.name}@1.0.0`);
    const panel = await panelReport(page);
    expectInert(panel, `${set.name} panel`);
    const popupPage = await openPopup(page);
    await expect(popupPage.locator('body')).toContainText(set.expectVerified ? 'Verified' : 'IDENTITY_');
    const popup = await inspectInertness(popupPage, 'whole-document');
    expectInert(popup, `${set.name} popup`);
    for (const payload of set.payloads) shown[shownAs(popup.text, payload)] = (shown[shownAs(popup.text, payload)] ?? 0) + 1;
    if (BIDI_CONTROLS.test(popup.text)) bidiRaw.push(set.name);
    await popupPage.close();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  }
  console.log(`certificate payloads: ${certPayloadCount()} in ${CERT_PAYLOAD_SETS.length} packages; in the popup ${JSON.stringify(shown)}`);
  // Not a script risk but a spoofing one: no displayed field may carry raw bidi controls.
  expect(bidiRaw, 'packages whose popup shows raw bidi control characters').toEqual([]);
});

interface UrlCase {
  url: string;
  payload: string;
}

function urlCases(): UrlCase[] {
  const e = encodeURIComponent;
  return [
    ...URL_NAME_PAYLOADS.flatMap((p) => [
      { url: `https://pypi.org/project/${e(p)}/`, payload: p },
      { url: `https://www.npmjs.com/package/${e(p)}`, payload: p },
    ]),
    ...URL_VERSION_PAYLOADS.flatMap((p) => [
      { url: `https://pypi.org/project/lens-files-1/${e(p)}/`, payload: p },
      { url: `https://www.npmjs.com/package/lens-npm-same/v/${e(p)}`, payload: p },
    ]),
  ];
}

test('URL payloads: hostile package names and versions get no badge (or an inert one) and run nothing', async ({ page, fixtureServer }) => {
  test.setTimeout(240_000);
  const cases = urlCases();
  const outcomes: Record<string, number> = {};
  // Control: the same wait does see a badge on a valid package page, so "no badge" below means refused.
  await page.goto('https://pypi.org/project/lens-files-1/');
  await page.waitForTimeout(700);
  expect(await anyBadge(page).count(), 'control page gets a badge within the wait').toBeGreaterThan(0);
  for (const c of cases) {
    await page.goto(c.url);
    // The content script acts at document_idle; give it time to (not) mount a badge.
    await page.waitForTimeout(700);
    const badges = await anyBadge(page).evaluateAll((els) => els.map((e) => ({ status: e.getAttribute('data-provenance-status'), pkg: e.getAttribute('data-provenance-package') })));
    const report = await inspectInertness(page, 'extension-shadow-roots');
    expectInert(report, c.url.slice(0, 120));
    for (const b of badges) {
      // A badge may only name the package the URL names, and may not call it broken.
      expect(b.status, c.url.slice(0, 120)).not.toBe('invalid');
      expect(b.pkg ?? '', c.url.slice(0, 120)).not.toMatch(/[<>"]/);
    }
    const outcome = badges.length === 0 ? 'no badge (refused)' : `badge ${badges.map((b) => b.status).join('+')}`;
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  }
  const total = cases.length + certPayloadCount();
  console.log(`URL payloads: ${cases.length} page loads (${URL_NAME_PAYLOADS.length} names and ${URL_VERSION_PAYLOADS.length} versions on PyPI and npm): ${JSON.stringify(outcomes)}`);
  console.log(`hostile payloads tried in all: ${total} (${certPayloadCount()} certificate fields + ${cases.length} URLs); executed: 0`);
  expect(total).toBeGreaterThanOrEqual(30);
  await expect.poll(() => fixtureServer.openRequests()).toBe(0);
});
