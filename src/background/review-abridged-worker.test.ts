// Review of 0595b4c (abridged search verdicts), worker side, through the REAL router, verdict
// service, cache, tab state and core over REAL PyPI and npm fixtures: what a search page is sent
// abridged, that nothing else (cache, package page, release history, toolbar, popup) ever gets an
// abridged copy, that the badge drawn from it equals the whole one, and the `details` protocol.
import { expect, it } from 'vitest';
import { createTrustContext, verifyNpmAttestations, verifyPypiProvenance } from '../core/index';
import type { PackageRef, PackageVerdict } from '../core/verdict';
import { attestationsUrl, versionUrl } from '../registries/npm/api';
import { fakeFetcher } from '../registries/testing/fake-fetcher';
import { restoreIdentities } from '../shared/identity-table';
import { realPypiRelease } from '../registries/testing/real-pypi-release';
import { describeRealData, readFixtureJson } from '../testing/fixtures';
import { packageBadgeView } from '../ui/badge-text';
import { createVerdictCache } from './cache';
import { createPinStore } from './pins';
import { createRouter } from './router';
import { createSearchMemory } from './search-memory';
import { createSearchTabs } from './search-tabs';
import type { Sender } from './sender';
import { createSettingsStore } from './settings';
import { createTabState } from './tab-state';
import { fakeStorage } from './testing/fake-storage';
import { freshAnswers } from './testing/fresh-registry';
import { createVerdictService } from './verdicts';

const RUNTIME = 'our-extension-id';
const BASE = `chrome-extension://${RUNTIME}/`;
const popup: Sender = { id: RUNTIME, url: `${BASE}popup.html` };
const at = (id: number, url: string): Sender => ({ id: RUNTIME, url, frameId: 0, tab: { id, url } });
const PYPI_SEARCH = at(3, 'https://pypi.org/search/?q=attestations');
const NPM_SEARCH = at(4, 'https://www.npmjs.com/search?q=sigstore');
const PROJECT = at(5, 'https://pypi.org/project/pypi-attestations/');
const PYPI_HOME = at(6, 'https://pypi.org/help/');
const pypi = (name: string, version?: string): PackageRef => (version ? { registry: 'pypi', name, version } : { registry: 'pypi', name });
const npm = (name: string): PackageRef => ({ registry: 'npm', name });

function npmRelease(version: string, attestations: unknown) {
  const doc = structuredClone(readFixtureJson<{ dist: Record<string, unknown> }>(`npm/sigstore/sigstore@${version}.version.json`));
  doc.dist.attestations ??= { url: attestationsUrl('sigstore', version).href, provenance: { predicateType: 'https://slsa.dev/provenance/v1' } };
  return { [versionUrl('sigstore').href]: doc, [versionUrl('sigstore', version).href]: doc, [attestationsUrl('sigstore', version).href]: attestations };
}

function world(npmVersion = '2.3.1') {
  const npmAtt =
    npmVersion === '2.3.1'
      ? readFixtureJson('npm/sigstore/sigstore@2.3.1.attestations.json')
      : { attestations: [{ predicateType: 'https://github.com/npm/attestation/tree/main/specs/publish/v0.1', bundle: readFixtureJson('npm/sigstore/sigstore@1.3.0.publish.sigstore.json') }] };
  const routes = {
    ...realPypiRelease('pypi-attestations', '0.0.19', [{ filename: 'pypi_attestations-0.0.19.tar.gz', provenance: readFixtureJson('pypi/pypi-attestations/pypi_attestations-0.0.19.tar.gz.provenance') }]),
    ...realPypiRelease('sampleproject', '4.0.0', [
      { filename: 'sampleproject-4.0.0.tar.gz', provenance: readFixtureJson('pypi/sampleproject/sampleproject-4.0.0.tar.gz.provenance') },
      { filename: 'sampleproject-4.0.0-py3-none-any.whl' },
    ]),
    ...npmRelease(npmVersion, npmAtt),
  };
  const storage = fakeStorage();
  const trust = createTrustContext({ trustedRoot: readFixtureJson('sigstore/trusted_root.json'), npmKeys: readFixtureJson('sigstore/npm-registry-keys.json') });
  const make = () => {
    const cache = createVerdictCache(storage, { trustVersion: () => 't' });
    const pins = createPinStore(storage);
    return { cache, pins, verdicts: createVerdictService({ fetcher: freshAnswers(fakeFetcher(routes)), verifiers: { verifyPypiProvenance, verifyNpmAttestations }, trust: () => trust, cache, pins }) };
  };
  const { cache, pins, verdicts } = make();
  const badge = new Map<number, string>();
  const tabs = createTabState({ setBadgeText: async ({ tabId, text }) => void badge.set(tabId, text), setBadgeBackgroundColor: async () => undefined, setTitle: async () => undefined });
  const settings = createSettingsStore(storage);
  const router = createRouter({ runtimeId: RUNTIME, extensionBase: BASE, verdicts, tabs, settings, cache, pins, searches: createSearchMemory(), searchTabs: createSearchTabs() });
  return { router, verdicts, settings, badge, restarted: () => make().verdicts };
}

/** A reply as the content script reads it: a structured clone, identities put back. */
function read(reply: unknown): { ok: boolean; value?: unknown; code?: string } {
  const r = structuredClone(reply) as { ok: boolean; value?: unknown; identities?: unknown };
  if (r.ok && r.identities !== undefined) expect(restoreIdentities(r.value, r.identities)).toBe(true);
  return r;
}
const items = (reply: unknown) => (read(reply).value as { ok: boolean; value?: PackageVerdict; code?: string }[]).map((i) => (i.ok ? i.value! : i));
const view = (v: PackageVerdict) => packageBadgeView({ kind: 'verdict', pkg: v.pkg, verdict: v });
const isWhole = (v: PackageVerdict) => v.abridged === undefined && v.files.length > 0;

describeRealData('review: a search page is sent abridged verdicts of real releases, nothing else is', () => {
  it('PyPI search: verified and partial go abridged, their badges exactly as the whole verdicts draw them', async () => {
    const w = world();
    const [ver, part] = items(await w.router({ type: 'content/search-verdicts', pkgs: [pypi('pypi-attestations'), pypi('sampleproject')] }, PYPI_SEARCH)) as PackageVerdict[];
    expect([ver?.status, part?.status, ver?.abridged, part?.abridged, ver?.files, part?.files]).toEqual(['verified', 'partial', true, true, [], []]);
    const wholeVer = await w.verdicts.getVerdict(pypi('pypi-attestations'));
    const wholePart = await w.verdicts.getVerdict(pypi('sampleproject'));
    expect(view(ver!)).toEqual(view(wholeVer));
    expect(view(part!)).toEqual(view(wholePart));
    expect(view(part!).text).toBe('1 of 2 files verified');
  });

  it('npm search: real verified (sigstore 2.3.1) and registry-signed none (1.3.0) draw the badge of the whole verdict', async () => {
    for (const version of ['2.3.1', '1.3.0']) {
      const w = world(version);
      const [sent] = items(await w.router({ type: 'content/search-verdicts', pkgs: [npm('sigstore')] }, NPM_SEARCH)) as PackageVerdict[];
      const whole = await w.verdicts.getVerdict(npm('sigstore'));
      expect(sent?.abridged, version).toBe(true);
      expect(view(sent!), version).toEqual(view(whole));
    }
  });

  it('with details: true, the whole verdict, deep-equal to what a package page of that release is sent (less page inputs)', async () => {
    const w = world();
    const [detail] = items(await w.router({ type: 'content/search-verdicts', pkgs: [pypi('pypi-attestations')], details: true }, PYPI_SEARCH)) as PackageVerdict[];
    const page = read(await w.router({ type: 'content/verdict', pkg: pypi('pypi-attestations') }, PROJECT)).value as PackageVerdict;
    expect({ ...detail, checkedAt: 0 }).toEqual({ ...page, checkedAt: 0 });
    expect(isWhole(detail!)).toBe(true);
    expect(detail?.status === 'verified' && detail.attestations[0]?.log?.logIndex).toBe('153454663');
  });

  it('after a search page was sent abridged copies, the cache, a restarted worker, the package page, its prepare, history rows, toolbar and popup are whole', async () => {
    const w = world();
    await w.router({ type: 'content/search-verdicts', pkgs: [pypi('pypi-attestations'), pypi('sampleproject')] }, PYPI_SEARCH);
    await w.router({ type: 'content/prepare' }, PYPI_SEARCH);
    await new Promise((r) => setTimeout(r, 0));
    expect(isWhole(await w.verdicts.getVerdict(pypi('pypi-attestations')))).toBe(true);
    expect(isWhole(await w.restarted().getVerdict(pypi('sampleproject')))).toBe(true);
    const prepared = read(await w.router({ type: 'content/prepare' }, PROJECT)).value as PackageVerdict | null;
    if (prepared !== null) expect(isWhole(prepared)).toBe(true);
    expect(isWhole(read(await w.router({ type: 'content/verdict', pkg: pypi('pypi-attestations') }, PROJECT)).value as PackageVerdict)).toBe(true);
    for (const details of [{}, { details: true }]) {
      const rows = items(await w.router({ type: 'content/search-verdicts', pkgs: [pypi('pypi-attestations', '0.0.19')], ...details }, PROJECT)) as PackageVerdict[];
      expect(rows.every(isWhole), JSON.stringify(details)).toBe(true);
    }
    await new Promise((r) => setTimeout(r, 0));
    const active = read(await w.router({ type: 'page/active-verdict', tabId: 5 }, popup)).value as { verdict: PackageVerdict };
    expect(isWhole(active.verdict)).toBe(true);
    expect(w.badge.get(3)).toBeUndefined();
  });

  it('a revisited search page is told abridged copies; a details ask afterwards still gets the whole verdict', async () => {
    const w = world();
    await w.router({ type: 'content/search-verdicts', pkgs: [pypi('pypi-attestations')] }, PYPI_SEARCH);
    await new Promise((r) => setTimeout(r, 0));
    const told = read(await w.router({ type: 'content/prepare' }, PYPI_SEARCH)).value as { verdict: PackageVerdict }[];
    expect(told.map((t) => [t.verdict.abridged, t.verdict.files.length])).toEqual([[true, 0]]);
    expect(view(told[0]!.verdict)).toEqual(view(await w.verdicts.getVerdict(pypi('pypi-attestations'))));
    const [detail] = items(await w.router({ type: 'content/search-verdicts', pkgs: [pypi('pypi-attestations')], details: true }, PYPI_SEARCH)) as PackageVerdict[];
    expect(isWhole(detail!)).toBe(true);
  });
});

describeRealData('review: the `details` protocol', () => {
  it('only `true` or absent; anything else is malformed, and nothing is asked', async () => {
    const w = world();
    for (const details of [false, 'true', 1, null, {}, [true]]) {
      expect(read(await w.router({ type: 'content/search-verdicts', pkgs: [pypi('pypi-attestations')], details }, PYPI_SEARCH)), String(details)).toMatchObject({ ok: false, code: 'MSG_MALFORMED' });
    }
  });

  it('another registry, a page that is neither search nor package, an extension page, the popup, or badges turned off: no whole verdict', async () => {
    const w = world();
    const ask = (pkgs: PackageRef[], sender: Sender) => w.router({ type: 'content/search-verdicts', pkgs, details: true }, sender);
    expect(items(await ask([npm('sigstore')], PYPI_SEARCH))).toEqual([expect.objectContaining({ ok: false, code: 'MSG_FORBIDDEN_SENDER' })]);
    expect(items(await ask([pypi('pypi-attestations')], NPM_SEARCH))).toEqual([expect.objectContaining({ ok: false, code: 'MSG_FORBIDDEN_SENDER' })]);
    expect(read(await ask([pypi('pypi-attestations')], PYPI_HOME))).toMatchObject({ ok: false });
    expect(read(await ask([pypi('pypi-attestations')], popup))).toMatchObject({ ok: false, code: 'MSG_FORBIDDEN_SENDER' });
    // A package page may ask with details only about its own releases, as without.
    expect(read(await ask([pypi('sampleproject', '4.0.0')], PROJECT))).toMatchObject({ ok: false, code: 'MSG_FORBIDDEN_SENDER' });
    await w.settings.set({ ...(await w.settings.get()), searchBadges: false });
    expect(read(await ask([pypi('pypi-attestations')], PYPI_SEARCH))).toMatchObject({ ok: false, code: 'MSG_FORBIDDEN_SENDER' });
  });
});
