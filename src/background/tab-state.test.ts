import { describe, expect, it } from 'vitest';
import type { PackageVerdict, SignerIdentity } from '../core/verdict';
import { badgeFor, type BadgeApi } from './action-badge';
import { createTabState, tabPackage } from './tab-state';
import { fakeStorage } from './testing/fake-storage';
import { NPM_SITE_ORIGIN } from '../registries/npm/hosts';

const onNpmSite = (path: string) => new URL(path, NPM_SITE_ORIGIN).href;

const identity: SignerIdentity = { forge: 'github', issuer: 'i', san: 's', repository: 'o/r' };
const base = { pkg: { registry: 'npm' as const, name: 'sigstore', version: '2.3.1' }, files: [], checkedAt: 0 };
const verdicts: Record<string, PackageVerdict> = {
  verified: { ...base, status: 'verified', identity, attestations: [] },
  partial: { ...base, status: 'partial', identity, attestations: [], verifiedCount: 2, totalCount: 5 },
  none: { ...base, status: 'none' },
  invalid: { ...base, status: 'invalid', code: 'SUBJECT_DIGEST', message: 'm' },
  unavailable: { ...base, status: 'unavailable', code: 'FETCH_TIMEOUT', message: 'm', retryable: true },
};

function verdictOf(registry: 'npm' | 'pypi', name: string, version: string, status: 'verified' | 'invalid' | 'none'): PackageVerdict {
  const pkg = { registry, name, version };
  if (status === 'verified') return { pkg, files: [], checkedAt: 0, status, identity, attestations: [] };
  if (status === 'invalid') return { pkg, files: [], checkedAt: 0, status, code: 'SUBJECT_DIGEST', message: 'm' };
  return { pkg, files: [], checkedAt: 0, status };
}

function recorder() {
  const text = new Map<number, string>();
  const api: BadgeApi = {
    setBadgeText: async ({ tabId, text: t }) => void text.set(tabId, t),
    setBadgeBackgroundColor: async () => undefined,
    setTitle: async () => undefined,
  };
  return { api, text };
}

describe('toolbar badge', () => {
  it('has a glyph and colour per status', () => {
    expect(Object.fromEntries(Object.entries(verdicts).map(([k, v]) => [k, badgeFor(v).text]))).toEqual({
      verified: '✓',
      partial: '2/5',
      none: '',
      invalid: '!',
      unavailable: '?',
    });
    expect(badgeFor(verdicts.invalid!).color).not.toBe(badgeFor(verdicts.none!).color);
    expect(badgeFor(verdicts.invalid!).title).toContain('SUBJECT_DIGEST');
  });
});

describe('tab state', () => {
  const latest = { registry: 'npm' as const, name: 'sigstore' };

  it('remembers the verdict per tab and survives a worker restart through session storage', async () => {
    const session = fakeStorage();
    const { api, text } = recorder();
    await createTabState(api, session).set(3, { pkg: latest, verdict: verdicts.verified! });
    expect(text.get(3)).toBe('✓');
    expect(await createTabState(api, session).get(3)).toMatchObject({ pkg: latest, verdict: { status: 'verified' } });
  });

  it("names the package the tab's page asked about as its URL does (no version on a latest page), waiting or answered, after a restart too", async () => {
    const session = fakeStorage();
    const { api } = recorder();
    const tabs = createTabState(api, session);
    expect(await tabs.pageAsked(3)).toBeNull();
    await tabs.loading(3, latest);
    expect(await tabs.pageAsked(3)).toEqual(latest);
    // Answered with the version "latest" resolved to: still the URL's package.
    await tabs.set(3, { pkg: latest, verdict: verdicts.verified! });
    expect(await createTabState(api, session).pageAsked(3)).toEqual(latest);
  });

  it('keeps the entry while the tab shows the same package, forgets it on other navigation and removal', async () => {
    const { api, text } = recorder();
    const tabs = createTabState(api);
    await tabs.set(3, { pkg: latest, verdict: verdicts.verified! });
    await tabs.navigated(3, onNpmSite('/package/sigstore?activeTab=versions'));
    expect(await tabs.get(3)).not.toBeNull();
    await tabs.navigated(3, onNpmSite('/package/tuf-js'));
    expect(await tabs.get(3)).toBeNull();
    expect(text.get(3)).toBe('');
    await tabs.set(4, { pkg: latest, verdict: verdicts.none! });
    await tabs.removed(4);
    expect(await tabs.get(4)).toBeNull();
  });

  it('updates every tab showing that release when it is retried', async () => {
    const { api, text } = recorder();
    const tabs = createTabState(api);
    await tabs.set(1, { pkg: latest, verdict: verdicts.unavailable! });
    await tabs.set(2, { pkg: { registry: 'npm', name: 'tuf-js' }, verdict: verdictOf('npm', 'tuf-js', '2.3.1', 'none') });
    await tabs.replaceVerdict(verdicts.verified!);
    expect([text.get(1), text.get(2)]).toEqual(['✓', '']);
  });

  it('asks the page of each tab it updated, and only those, to ask again', async () => {
    const told: number[] = [];
    const tabs = createTabState(recorder().api, undefined, (tabId) => told.push(tabId));
    await tabs.set(1, { pkg: latest, verdict: verdicts.unavailable! });
    await tabs.set(2, { pkg: { registry: 'npm', name: 'tuf-js' }, verdict: verdictOf('npm', 'tuf-js', '2.3.1', 'none') });
    await tabs.set(3, { pkg: latest, verdict: verdicts.unavailable! });
    await tabs.replaceVerdict(verdicts.verified!);
    expect(told.sort()).toEqual([1, 3]);
    // A page's own answer (set) is not a verdict decided anew: nobody is told.
    await tabs.set(1, { pkg: latest, verdict: verdicts.verified! });
    expect(told).toHaveLength(2);
  });
});

describe('tab state and slow verdicts', () => {
  it('drops a verdict for the page the tab showed before it navigated away', async () => {
    const { api, text } = recorder();
    const tabs = createTabState(api);
    const old = await tabs.loading(5, { registry: 'npm', name: 'sigstore' });
    await tabs.navigated(5, new URL('/package/tuf-js', NPM_SITE_ORIGIN).href);
    await tabs.set(5, { pkg: { registry: 'npm', name: 'sigstore' }, verdict: verdicts.verified! }, old);
    expect(await tabs.get(5)).toBeNull();
    expect(text.get(5)).toBe('');
  });

  it('keeps a request that is about the page the tab navigated to', async () => {
    const { api } = recorder();
    const tabs = createTabState(api);
    const token = await tabs.loading(5, { registry: 'npm', name: 'tuf-js' });
    await tabs.navigated(5, new URL('/package/tuf-js?activeTab=code', NPM_SITE_ORIGIN).href);
    await tabs.set(5, { pkg: { registry: 'npm', name: 'tuf-js' }, verdict: verdictOf('npm', 'tuf-js', '3.0.1', 'none') }, token);
    expect(await tabs.get(5)).not.toBeNull();
  });
});

describe('tab state keyed by the release a tab shows', () => {
  const latest = { registry: 'npm' as const, name: 'demo' };

  it('keeps a latest tab on its own version when another version is retried', async () => {
    const { api, text } = recorder();
    const tabs = createTabState(api);
    await tabs.set(1, { pkg: latest, verdict: verdictOf('npm', 'demo', '2.0.0', 'invalid') });
    await tabs.replaceVerdict(verdictOf('npm', 'demo', '1.0.0', 'verified'));
    expect(text.get(1)).toBe('!');
    expect(await tabs.get(1)).toMatchObject({ pkg: latest, verdict: { status: 'invalid', pkg: { version: '2.0.0' } } });
    // Its own version retried does land on it.
    await tabs.replaceVerdict(verdictOf('npm', 'demo', '2.0.0', 'verified'));
    expect(text.get(1)).toBe('✓');
  });

  it('updates each of two tabs on two versions only with its own version', async () => {
    const { api, text } = recorder();
    const tabs = createTabState(api);
    await tabs.set(1, { pkg: { ...latest, version: '1.0.0' }, verdict: verdictOf('npm', 'demo', '1.0.0', 'none') });
    await tabs.set(2, { pkg: latest, verdict: verdictOf('npm', 'demo', '2.0.0', 'none') });
    await tabs.replaceVerdict(verdictOf('npm', 'demo', '2.0.0', 'invalid'));
    expect([text.get(1), text.get(2)]).toEqual(['', '!']);
    await tabs.replaceVerdict(verdictOf('npm', 'demo', '1.0.0', 'verified'));
    expect([text.get(1), text.get(2)]).toEqual(['✓', '!']);
    expect(tabs.releasesShown(latest).map((r) => r.version)).toEqual(['1.0.0', '2.0.0']);
  });

  it('matches PyPI names in their PEP 503 form, but never another version', async () => {
    const { api, text } = recorder();
    const tabs = createTabState(api);
    await tabs.set(1, { pkg: { registry: 'pypi', name: 'Sample.Project', version: '1.0' }, verdict: verdictOf('pypi', 'Sample.Project', '1.0', 'none') });
    await tabs.set(2, { pkg: { registry: 'pypi', name: 'sample_project' }, verdict: verdictOf('pypi', 'sample_project', '2.0', 'none') });
    await tabs.replaceVerdict(verdictOf('pypi', 'sample-project', '1.0', 'verified'));
    expect([text.get(1), text.get(2)]).toEqual(['✓', '']);
    expect(tabs.releasesShown({ registry: 'pypi', name: 'SAMPLE--project' }).map((r) => r.version)).toEqual(['1.0', '2.0']);
    // npm names are exact, and another registry is another package.
    expect(tabs.releasesShown({ registry: 'npm', name: 'sample_project' })).toEqual([]);
  });

  it('refuses a verdict about another version than the page asked for, and shows nothing instead', async () => {
    const { api, text } = recorder();
    const tabs = createTabState(api);
    const token = await tabs.loading(4, { ...latest, version: '1.0.0' });
    const wrong = { pkg: { ...latest, version: '1.0.0' }, verdict: verdictOf('npm', 'demo', '2.0.0', 'verified') };
    await expect(tabs.set(4, wrong, token)).rejects.toThrow(/demo@2\.0\.0/);
    expect(await tabs.get(4)).toBeNull();
    expect(text.get(4)).toBe('');
  });
});

describe('tab state: a latest tab that never resolved a version', () => {
  const latest = { registry: 'npm' as const, name: 'demo' };
  const offline: PackageVerdict = { pkg: { ...latest, version: '' }, files: [], checkedAt: 0, status: 'unavailable', code: 'FETCH_NETWORK', message: 'm', retryable: true };

  it('is reported without a version, and a retry of latest lands on it', async () => {
    const { api, text } = recorder();
    const tabs = createTabState(api);
    await tabs.set(1, { pkg: latest, verdict: offline });
    expect(tabPackage((await tabs.get(1))!)).toEqual(latest);
    expect(tabs.releasesShown(latest)).toEqual([]);
    await tabs.replaceVerdict(verdictOf('npm', 'demo', '1.0.0', 'verified'), latest);
    expect(text.get(1)).toBe('✓');
    expect(tabPackage((await tabs.get(1))!)).toEqual({ ...latest, version: '1.0.0' });
  });

  it('takes no verdict asked for a version, nor a retry of latest for another name', async () => {
    const { api, text } = recorder();
    const tabs = createTabState(api);
    await tabs.set(1, { pkg: latest, verdict: offline });
    await tabs.replaceVerdict(verdictOf('npm', 'demo', '1.0.0', 'verified'), { ...latest, version: '1.0.0' });
    await tabs.replaceVerdict(verdictOf('npm', 'demo', '1.0.0', 'verified'));
    await tabs.replaceVerdict(verdictOf('npm', 'demo2', '1.0.0', 'verified'), { registry: 'npm', name: 'demo2' });
    expect(text.get(1)).toBe('?');
  });

  it('a retry of latest leaves a latest tab that resolved another version alone', async () => {
    const { api, text } = recorder();
    const tabs = createTabState(api);
    await tabs.set(1, { pkg: latest, verdict: verdictOf('npm', 'demo', '1.0.0', 'invalid') });
    await tabs.replaceVerdict(verdictOf('npm', 'demo', '2.0.0', 'verified'), latest);
    expect(text.get(1)).toBe('!');
  });
});
