// The sender policy (issue 14.1): the document's origin decides the site, the tab's current URL
// on that origin decides the page. npm's client reaches a package from any page of the site.
import { describe, expect, it } from 'vitest';
import { NPM_SITE_ORIGIN } from '../registries/npm/hosts';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import { classifySender, type Sender } from './sender';

const policy = { runtimeId: 'ours', extensionBase: 'chrome-extension://ours/' };
const npm = (path: string) => new URL(path, NPM_SITE_ORIGIN).href;
const pypi = (path: string) => new URL(path, PYPI_ORIGIN).href;
const from = (documentUrl: string, tabUrl: string | undefined): Sender => ({
  id: 'ours',
  url: documentUrl,
  frameId: 0,
  tab: tabUrl === undefined ? { id: 4 } : { id: 4, url: tabUrl },
});

// Pages a person starts on before the site's client navigates to a package.
const NPM_ENTRY_PAGES = ['/', '/~someuser', '/org/sigstore', '/package/sigstore/access', '/settings/someuser/packages', '/search?q=x', '/package/tuf-js'];

describe('sender policy: npm in-site navigation', () => {
  it.each(NPM_ENTRY_PAGES)('a document loaded at %j that now shows a package may ask about it', (entry) => {
    const caller = classifySender(from(npm(entry), npm('/package/@sigstore/verify/v/1.2.3')), policy);
    expect(caller).toMatchObject({
      kind: 'content',
      tabId: 4,
      site: { registry: 'npm' },
      view: { kind: 'package', pkg: { registry: 'npm', name: '@sigstore/verify', version: '1.2.3' } },
    });
  });

  it.each(NPM_ENTRY_PAGES)('a document loaded at %j that now shows search results is a search page', (entry) => {
    expect(classifySender(from(npm(entry), npm('/search?q=sigstore')), policy)).toMatchObject({ kind: 'content', view: { kind: 'search' } });
  });

  it.each([
    ['/package/@sigstore%2Fverify', '@sigstore/verify'],
    ['/package/%40sigstore%2Fverify', '@sigstore/verify'],
    ['/package/%40sigstore%2fverify/v/1.2.3', '@sigstore/verify'],
    ['/package/@sigstore/verify', '@sigstore/verify'],
  ])('the URL form %j names %j', (path, name) => {
    expect(classifySender(from(npm('/'), npm(path)), policy)).toMatchObject({ kind: 'content', view: { kind: 'package', pkg: { name } } });
  });

  it('a document on the site whose tab shows no package or search page is on the site but shows nothing', () => {
    // The content script is there (home page); it asks nothing, and a forged ask is refused later
    // by the router because the view is not a package. Here: not a content caller with a view.
    expect(classifySender(from(npm('/'), npm('/~someuser')), policy)).toMatchObject({ kind: 'forbidden' });
  });

  it('the tab URL counts only on the document origin', () => {
    expect(classifySender(from(npm('/'), 'https://evil.example/package/sigstore'), policy)).toMatchObject({ kind: 'forbidden' });
    expect(classifySender(from(npm('/'), pypi('/project/sampleproject/')), policy)).toMatchObject({ kind: 'forbidden' });
    expect(classifySender(from('https://evil.example/', npm('/package/sigstore')), policy)).toMatchObject({ kind: 'forbidden' });
  });

  it('without a tab URL the document URL is the page', () => {
    expect(classifySender(from(npm('/package/sigstore'), undefined), policy)).toMatchObject({ view: { kind: 'package', pkg: { name: 'sigstore' } } });
    expect(classifySender(from(npm('/'), undefined), policy)).toMatchObject({ kind: 'forbidden' });
  });
});

describe('sender policy: PyPI', () => {
  it.each(['/', '/user/someone/', '/manage/projects/', '/search/?q=x', '/project/other/'])('from %j to a project page', (entry) => {
    const caller = classifySender(from(pypi(entry), pypi('/project/sampleproject/4.0.0/')), policy);
    expect(caller).toMatchObject({ kind: 'content', view: { kind: 'package', pkg: { registry: 'pypi', name: 'sampleproject', version: '4.0.0' } } });
  });
});
