// REGRESSION (Chromium; found by the issue-14 attack review, fixed by asking the registry on
// every visit of a "latest" page or PyPI release): the registry changes between two visits a few minutes apart, the way it does
// when a release is published (the proxy plays the registry "before"; then it steps aside and
// the fixture server's own answers are "after"). Expected: a revisit shows the release the page
// shows now, never the verdict of what the page showed before.
//  1. A new release without provenance becomes "latest" (lens-continuity-lost 1.0.0 attested ->
//     1.1.0 without provenance): the revisited /project/<name>/ page shows 1.1.0.
//  2. A file without provenance is added to a release already looked at (sigstore 3.6.1: the
//     sdist is attested, a wheel without provenance is uploaded later): the revisited release page
//     lists two files, one without provenance.
import { expect, test } from '@playwright/test';
import { startFixtureServer, type FixtureServer } from '../server/fixture-server';
import type { ExtensionBrowser } from '../support/launch-extension';
import { E2E_EXTENSION_DIR, TESTCA_DIR } from '../testca/paths';
import { jsonBody, launchAttackChromium, popupTitleFor, readBadges, startRewriteProxy, toolbarFor, type RewriteProxy } from './attack-support';

let server: FixtureServer;
let proxy: RewriteProxy;
let ext: ExtensionBrowser;

test.beforeAll(async () => {
  server = await startFixtureServer({ generated: TESTCA_DIR });
  proxy = await startRewriteProxy(server.port);
});
test.afterAll(async () => {
  await proxy.stop();
  await server.stop();
});
test.beforeEach(async () => {
  proxy.rules = [];
  ext = await launchAttackChromium(proxy.port, { extensionDir: E2E_EXTENSION_DIR });
});
test.afterEach(async () => ext.close());

interface ProjectJson {
  info: { version: string };
  urls: { filename: string }[];
  releases?: Record<string, unknown>;
}

test('PyPI: "latest" moves to a release without provenance; a revisit a few seconds later', async () => {
  const name = 'lens-continuity-lost';
  const url = `https://pypi.org/project/${name}/`;
  // Before 1.1.0 was published: the project page and JSON API show 1.0.0 as latest.
  proxy.rules = [
    (r) => (r.host === 'pypi.org' && r.path === `/project/${name}/` ? { path: `/project/${name}/1.0.0/` } : undefined),
    (r) =>
      r.host === 'pypi.org' && r.path === `/pypi/${name}/json`
        ? {
            transform: (u) =>
              jsonBody(u, (v) => {
                const doc = v as ProjectJson;
                const releases = { ...(doc.releases ?? {}) };
                delete releases['1.1.0'];
                return { ...doc, info: { ...doc.info, version: '1.0.0' }, urls: releases['1.0.0'], releases };
              }),
          }
        : undefined,
  ];
  const page = ext.context.pages()[0] ?? (await ext.context.newPage());
  await page.goto(url);
  await expect(page.locator(`h1 + [data-provenance-status="verified"][data-provenance-package="pypi:${name}@1.0.0"]`)).toBeAttached({ timeout: 30_000 });

  // 1.1.0 (no provenance) is published; the person comes back to the project page.
  proxy.rules = [];
  await page.goto('https://pypi.org/');
  await page.waitForTimeout(5000);
  await page.goto(url);
  await expect(page.locator('h1')).toHaveText(new RegExp(`^${name} 1\\.1\\.0`));
  await page.waitForTimeout(3000);
  const badges = await page.evaluate(readBadges);
  const toolbar = await toolbarFor(ext, url);
  const popup = await popupTitleFor(ext, page);
  console.log('revisit:', JSON.stringify({ h1: await page.locator('h1').innerText(), badges, toolbar, popup }, null, 1));
  const title = badges.find((b) => b.where.startsWith('h1'));
  expect(title?.status, 'the title badge of a page showing 1.1.0 (no provenance)').not.toBe('verified');
  expect(title?.pkg, 'the title badge names the release on screen').toBe(`pypi:${name}@1.1.0`);
  expect(toolbar?.title, 'toolbar').toContain(`${name}@1.1.0`);
  expect(popup, 'popup').toContain(`${name} 1.1.0`);
});

test('PyPI: a wheel without provenance is added to a release already looked at; a revisit', async () => {
  const url = 'https://pypi.org/project/sigstore/3.6.1/';
  const wheel = 'sigstore-3.6.1-py3-none-any.whl';
  const withoutWheel = (u: Parameters<typeof jsonBody>[0]) =>
    jsonBody(u, (v) => {
      const doc = v as { urls?: { filename: string }[]; files?: { filename: string }[] };
      return {
        ...doc,
        ...(doc.urls ? { urls: doc.urls.filter((f) => f.filename !== wheel) } : {}),
        ...(doc.files ? { files: doc.files.filter((f) => f.filename !== wheel) } : {}),
      };
    });
  // Before the wheel was uploaded: every document lists the sdist alone.
  proxy.rules = [
    (r) => (r.host === 'pypi.org' && (r.path === '/pypi/sigstore/3.6.1/json' || r.path.startsWith('/simple/sigstore')) ? { transform: withoutWheel } : undefined),
    (r) =>
      r.host === 'pypi.org' && r.path === '/project/sigstore/3.6.1/'
        ? {
            transform: (u) => {
              // The wheel's entry in the Files tab (the fixture's markup, as pypi-pages.ts writes it).
              const entry = /<div class="file">\s*<div class="file__graphic"><i [^>]*><\/i><\/div>\s*<div class="card file__card">\s*<a href="[^"]*sigstore-3\.6\.1-py3-none-any\.whl">[\s\S]*?<\/p>\s*<\/div>\s*<\/div>/;
              const html = u.body.toString('utf8').replace(entry, '');
              return { ...u, body: Buffer.from(html) };
            },
          }
        : undefined,
  ];
  const page = ext.context.pages()[0] ?? (await ext.context.newPage());
  await page.goto(url);
  // The page before the upload lists the sdist alone, as the registry's documents do.
  // (Download links end in /<filename>; each card's 'view details' link is #<filename>.)
  await expect(page.locator(`#files a[href$="/${wheel}"]`)).toHaveCount(0);
  await expect(page.locator('#files a[href$="/sigstore-3.6.1.tar.gz"]')).toHaveCount(1);
  await expect(page.locator('h1 + [data-provenance-status="verified"][data-provenance-package="pypi:sigstore@3.6.1"]')).toBeAttached({ timeout: 30_000 });
  console.log('first visit:', JSON.stringify(await page.evaluate(readBadges)));

  // The wheel is uploaded; the person reloads the release page.
  proxy.rules = [];
  await page.reload();
  await expect(page.locator(`#files a[href$="${wheel}"]`).first()).toBeAttached();
  await page.waitForTimeout(3000);
  const badges = await page.evaluate(readBadges);
  const toolbar = await toolbarFor(ext, url);
  console.log('revisit:', JSON.stringify({ badges, toolbar }, null, 1));
  const title = badges.find((b) => b.where.startsWith('h1'));
  expect(title?.status, 'title badge of a release listing an unattested wheel').not.toBe('verified');
  expect(toolbar?.text, 'toolbar').not.toBe('✓');
});

test('npm: "latest" moves on (sigstore 1.0.0 -> 2.3.1); a revisit names 2.3.1, as the header shows', async () => {
  const url = 'https://www.npmjs.com/package/sigstore';
  // Before 2.3.1: the registry's latest and the site's package page are 1.0.0.
  proxy.rules = [
    (r) => (r.host === 'registry.npmjs.org' && r.path === '/sigstore/latest' ? { path: '/sigstore/1.0.0' } : undefined),
    (r) => (r.host === 'www.npmjs.com' && r.path === '/package/sigstore' ? { path: '/package/sigstore/v/1.0.0' } : undefined),
  ];
  const page = ext.context.pages()[0] ?? (await ext.context.newPage());
  await page.goto(url);
  await expect(page.locator('#top h1 + [data-provenance-status="verified"][data-provenance-package="npm:sigstore@1.0.0"]')).toBeAttached({ timeout: 30_000 });

  proxy.rules = [];
  await page.goto('https://www.npmjs.com/');
  await page.goto(url);
  await expect(page.locator('#top h1').locator('xpath=following-sibling::span[1]')).toHaveText(/^2\.3\.1 •/);
  await page.waitForTimeout(3000);
  const badges = await page.evaluate(readBadges);
  const toolbar = await toolbarFor(ext, url);
  const popup = await popupTitleFor(ext, page);
  console.log('npm revisit:', JSON.stringify({ badges, toolbar, popup }, null, 1));
  expect(badges.find((b) => b.where.startsWith('h1'))?.pkg, 'title badge names the release on screen').toBe('npm:sigstore@2.3.1');
  expect(toolbar?.title).toContain('sigstore@2.3.1');
  expect(popup).toContain('sigstore 2.3.1');
});
