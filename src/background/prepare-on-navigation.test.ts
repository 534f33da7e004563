// Which URLs start a verdict as the tab navigates: a registry package page's (its version, or its
// latest), never another page of the registry, another site, a look-alike host or a name outside
// the registry's grammar.
import { describe, expect, it } from 'vitest';
import { NPM_SITE_ORIGIN } from '../registries/npm/hosts';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import { packageAtUrl, prepareOnNavigation } from './prepare-on-navigation';

const pypi = (path: string) => new URL(path, PYPI_ORIGIN).href;
const npm = (path: string) => new URL(path, NPM_SITE_ORIGIN).href;

describe('prepare on navigation', () => {
  it('names the package of a registry package page, by version or as latest', () => {
    expect(packageAtUrl(pypi('/project/sampleproject/4.0.0/'))).toEqual({ registry: 'pypi', name: 'sampleproject', version: '4.0.0' });
    expect(packageAtUrl(pypi('/project/sampleproject/'))).toEqual({ registry: 'pypi', name: 'sampleproject' });
    expect(packageAtUrl(npm('/package/@sigstore/verify/v/1.2.1'))).toEqual({ registry: 'npm', name: '@sigstore/verify', version: '1.2.1' });
    expect(packageAtUrl(npm('/package/sigstore?activeTab=versions'))).toEqual({ registry: 'npm', name: 'sigstore' });
  });

  it('names nothing for other pages, other sites and malformed URLs', () => {
    for (const url of [pypi('/search/?q=lens'), pypi('/'), npm('/~someone'), 'https://pypi.org.evil.example/project/x/', 'http://pypi.org/project/x/', 'https://example.com/project/x/', 'not a url', '']) {
      expect(packageAtUrl(url), url).toBeNull();
    }
  });

  it('prepares when a tab comes to show another package, not for a tab of the same page', async () => {
    const prepared: string[] = [];
    const tabs = prepareOnNavigation({ prepare: async (pkg) => void prepared.push(`${pkg.name}@${pkg.version ?? 'latest'}`) });
    await tabs.navigated(1, pypi('/search/?q=x'));
    await tabs.navigated(1, pypi('/project/demo/1.0/'));
    await tabs.navigated(1, pypi('/project/demo/1.0/#history'));
    await tabs.navigated(2, npm('/package/sigstore'));
    await tabs.navigated(2, npm('/package/sigstore?activeTab=versions'));
    await tabs.navigated(2, npm('/package/sigstore/v/1.0.0'));
    await tabs.navigated(1, 'https://example.com/');
    await tabs.navigated(1, pypi('/project/demo/1.0/'));
    tabs.removed(2);
    await tabs.navigated(2, npm('/package/sigstore/v/1.0.0'));
    expect(prepared).toEqual(['demo@1.0', 'sigstore@latest', 'sigstore@1.0.0', 'demo@1.0', 'sigstore@1.0.0']);
  });

  it("another spelling of a PyPI name (PyPI's redirect to the project's own) is the same page: one prepare", async () => {
    const prepared: string[] = [];
    const tabs = prepareOnNavigation({ prepare: async (pkg) => void prepared.push(`${pkg.name}@${pkg.version ?? 'latest'}`) });
    await tabs.navigated(1, pypi('/project/Sample.Project/'));
    await tabs.navigated(1, pypi('/project/sample-project/'));
    await tabs.navigated(1, pypi('/project/sample-project/1.0/'));
    expect(prepared).toEqual(['Sample.Project@latest', 'sample-project@1.0']);
  });

  it("after a worker restart, goes by the tab's record: a tab of the same package asks nothing", async () => {
    const prepared: string[] = [];
    const recorded = new Map([[7, { registry: 'npm' as const, name: 'sigstore' }]]);
    const tabs = prepareOnNavigation({ prepare: async (pkg) => void prepared.push(`${pkg.name}@${pkg.version ?? 'latest'}`) }, async (tabId) => recorded.get(tabId) ?? null);
    await tabs.navigated(7, npm('/package/sigstore?activeTab=readme'));
    await tabs.navigated(7, npm('/package/sigstore/v/2.3.1'));
    await tabs.navigated(8, npm('/package/sigstore?activeTab=readme'));
    expect(prepared).toEqual(['sigstore@2.3.1', 'sigstore@latest']);
  });
});
