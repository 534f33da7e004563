// The built Firefox extension (dist/firefox) in Debian's firefox-esr, driven by puppeteer-core
// over WebDriver BiDi, against the same fixture server as the Chromium specs, reached only
// through the local CONNECT proxy. Expected values come from the Fulcio certificates and Rekor
// entries of the real fixtures, as in pypi-verified.spec.ts and npm-packages.spec.ts.
import { expect, test } from '@playwright/test';
import { useFirefoxSession } from './firefox-session';
import {
  expectFirefoxBadge,
  NPM_TITLE,
  PYPI_TITLE,
  pypiFileStatuses,
  readPopup,
  snapFirefoxBadge,
  snapFirefoxPage,
} from './firefox-page';

const session = useFirefoxSession();

test('Firefox PyPI verified: pypi-attestations 0.0.19 shows a verified badge naming the repository', async () => {
  const tab = await session.newTab();
  await tab.goto('https://pypi.org/project/pypi-attestations/0.0.19/');
  const badge = await expectFirefoxBadge(tab, PYPI_TITLE, 'verified', 'pypi:pypi-attestations@0.0.19');
  expect(badge.text).toMatch(/Verified.*trailofbits\/pypi-attestations/i);
  await expect.poll(() => pypiFileStatuses(tab)).toEqual({ 'pypi_attestations-0.0.19.tar.gz': 'verified' });
  await snapFirefoxBadge(tab, PYPI_TITLE, 'pypi-verified-pypi-attestations');
});

test('Firefox PyPI verified: the popup shows repository, workflow, commit and the Rekor entry', async () => {
  const tab = await session.newTab();
  await tab.goto('https://pypi.org/project/pypi-attestations/0.0.19/');
  await expectFirefoxBadge(tab, PYPI_TITLE, 'verified', 'pypi:pypi-attestations@0.0.19');

  const popup = await session.openPopup(tab);
  await expect.poll(async () => (await readPopup(popup)).links).toContain('https://github.com/trailofbits/pypi-attestations');
  const { text, links } = await readPopup(popup);
  expect(text).toContain('.github/workflows/release.yml');
  expect(text).toContain('08802ef');
  expect(links).toContain('https://search.sigstore.dev/?logIndex=153454663');
  await snapFirefoxPage(popup, 'pypi-verified-pypi-attestations-popup');
});

test('Firefox npm verified: sigstore 2.3.1 badge and popup, fetched by the extension through the proxy', async () => {
  const since = session.server.requests.length;
  const tab = await session.newTab();
  await tab.goto('https://www.npmjs.com/package/sigstore');
  // The fixture SPA re-renders its main column once after load, as npm's hydration does.
  await tab.waitForSelector('html[data-hydrated="true"]');
  const badge = await expectFirefoxBadge(tab, NPM_TITLE, 'verified', 'npm:sigstore@2.3.1');
  expect(badge.text).toMatch(/Verified.*sigstore\/sigstore-js/i);
  await snapFirefoxBadge(tab, NPM_TITLE, 'npm-verified-sigstore');

  // The attestations endpoint is only ever asked for by the background script: over HTTPS,
  // with the self-signed fixture certificate, through a CONNECT tunnel.
  const asked = session.server.requests.slice(since).map((r) => `${r.host}${r.path}`);
  expect(asked).toContain('registry.npmjs.org/-/npm/v1/attestations/sigstore@2.3.1');
  expect(session.proxy.tunnelled).toContain('registry.npmjs.org:443');

  const popup = await session.openPopup(tab);
  await expect.poll(async () => (await readPopup(popup)).links).toContain('https://github.com/sigstore/sigstore-js');
  const { text, links } = await readPopup(popup);
  expect(text).toContain('46e7056');
  expect(links).toContain('https://search.sigstore.dev/?logIndex=94408136');
  await snapFirefoxPage(popup, 'npm-verified-sigstore-popup');
});

test('Firefox npm invalid: a provenance payload altered after signing fails the check', async () => {
  const tab = await session.newTab();
  await tab.goto('https://www.npmjs.com/package/@trishankatdatadog/supreme-goggles');
  await tab.waitForSelector('html[data-hydrated="true"]');
  const badge = await expectFirefoxBadge(tab, NPM_TITLE, 'invalid', 'npm:@trishankatdatadog/supreme-goggles@1.0.5');
  expect(badge.text).toMatch(/fail/i);
  await snapFirefoxBadge(tab, NPM_TITLE, 'npm-invalid');

  const popup = await session.openPopup(tab);
  await expect.poll(async () => (await readPopup(popup)).text).toContain('TLOG_BODY');
  await snapFirefoxPage(popup, 'npm-invalid-popup');
});

test('Firefox network: only fixture hosts were tunnelled, and none of them refused', async () => {
  const tab = await session.newTab();
  await tab.goto('https://pypi.org/project/sampleproject/4.0.0/');
  await expectFirefoxBadge(tab, PYPI_TITLE, 'verified', 'pypi:sampleproject@4.0.0');
  // The worker's TUF refresh host is a fixture host too: tunnelled to the fixture server, never the CDN.
  const fixtureAuthorities = ['pypi.org:443', 'www.npmjs.com:443', 'registry.npmjs.org:443', 'tuf-repo-cdn.sigstore.dev:443'];
  expect(session.proxy.tunnelled.length).toBeGreaterThan(0);
  expect([...new Set(session.proxy.tunnelled)].filter((t) => !fixtureAuthorities.includes(t))).toEqual([]);
  // A host outside the list is refused at the proxy instead of reaching the network.
  const before = session.proxy.refused.length;
  await expect(tab.goto('https://example.com/', { timeout: 10_000 })).rejects.toThrow();
  expect(session.proxy.refused.slice(before)).toContainEqual({ method: 'CONNECT', target: 'example.com:443', reason: 'not-allowed' });
});
