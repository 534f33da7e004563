// Semantic attacks on a PyPI release page through the real router, verdict service, cache,
// adapter and core: the JSON API naming files of another release or project, and a release
// that grows a file which cannot be checked after it was verified once.
import { expect, it, vi } from 'vitest';
import { createTrustContext, verifyNpmAttestations, verifyPypiProvenance } from '../core/index';
import type { PackageRef, PackageVerdict } from '../core/verdict';
import { fakeFetcher } from '../registries/testing/fake-fetcher';
import { describeRealData, readFixtureJson } from '../testing/fixtures';
import { createVerdictCache } from './cache';
import { createPinStore } from './pins';
import { createRouter } from './router';
import type { Sender } from './sender';
import { createSettingsStore } from './settings';
import { createTabState } from './tab-state';
import { fakeStorage } from './testing/fake-storage';
import { createVerdictService } from './verdicts';

const RUNTIME = 'our-extension-id';
const BASE = 'chrome-extension://our-extension-id/';
const popup: Sender = { id: RUNTIME, url: `${BASE}popup.html` };
const PYPI = 'https://pypi.org';
const SDIST_19 = { filename: 'pypi_attestations-0.0.19.tar.gz', sha256: '9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3' };
const SDIST_3 = { filename: 'sampleproject-3.0.0.tar.gz', sha256: '117ed88e5db073bb92969a7545745fd977ee85b7019706dd256a64058f70963d' };
const WHEEL_19 = { filename: 'pypi_attestations-0.0.19-py3-none-any.whl', sha256: 'c4e92e9ecc828bef2aa7dba1de8ac983511f7532a0df11c770d39099a25cf201' };
const GOOGLE = { kind: 'Google', email: '919436158236-compute@developer.gserviceaccount.com' };

type File = { filename: string; sha256: string };
const release = (name: string, version: string, files: File[]) => ({
  info: { name, version },
  urls: files.map((f) => ({ filename: f.filename, packagetype: f.filename.endsWith('.whl') ? 'bdist_wheel' : 'sdist', digests: { sha256: f.sha256 } })),
});
const json = (name: string, version: string) => `${PYPI}/pypi/${name}/${version}/json`;
const integrity = (name: string, version: string, filename: string) => `${PYPI}/integrity/${name}/${version}/${filename}/provenance`;
const prov19 = () => readFixtureJson('pypi/pypi-attestations/pypi_attestations-0.0.19.tar.gz.provenance');
const googleProvenance = () => ({
  version: 1,
  attestation_bundles: [{ publisher: GOOGLE, attestations: [readFixtureJson('pypi/sampleproject/sampleproject-3.0.0.tar.gz.publish.attestation')] }],
});
/** The staging-signed rfc8785 attestation (another Sigstore instance), its unsigned time set to an hour ago. */
const otherInstance = () => {
  const att = structuredClone(readFixtureJson<{ verification_material: { transparency_entries: Record<string, unknown>[] } }>('pypi/rfc8785/rfc8785-0.1.2-py3-none-any.whl.publish.attestation'));
  for (const e of att.verification_material.transparency_entries) e.integratedTime = String(Math.floor(Date.now() / 1000) - 3600);
  return att;
};

function world(initial: Record<string, unknown>) {
  let routes = initial;
  let clock = 1_000_000;
  const now = () => clock;
  const storage = fakeStorage();
  const pins = createPinStore(storage);
  const trust = createTrustContext({ trustedRoot: readFixtureJson('sigstore/trusted_root.json') });
  const cache = createVerdictCache(storage, { trustVersion: () => 't', now });
  const verdicts = createVerdictService({
    fetcher: (url, init) => fakeFetcher(routes)(url, init),
    verifiers: { verifyPypiProvenance, verifyNpmAttestations }, trust: () => trust, cache, now, pins,
  });
  const badge = new Map<number, string>();
  const tabs = createTabState({
    setBadgeText: async ({ tabId, text }) => void badge.set(tabId, text),
    setBadgeBackgroundColor: async () => undefined,
    setTitle: async () => undefined,
  });
  const router = createRouter({ runtimeId: RUNTIME, extensionBase: BASE, verdicts, tabs, settings: createSettingsStore(storage), cache, pins });
  const shown = async (tabId: number) => {
    const reply = await router({ type: 'page/active-verdict', tabId }, popup);
    const value = reply.ok ? (reply.value as { pkg: PackageRef; verdict: PackageVerdict } | null) : null;
    return value && { verdictFor: value.verdict.pkg.version, status: value.verdict.status, badge: badge.get(tabId) };
  };
  /** A visit of `/project/<name>/<version>/` in tab 7: the content script's answer. */
  const visit = async (name: string, version: string) => {
    const sender: Sender = { id: RUNTIME, url: `${PYPI}/project/${name}/${version}/`, frameId: 0, tab: { id: 7 } };
    const reply = await router({ type: 'content/verdict', pkg: { registry: 'pypi', name, version } }, sender);
    await vi.waitFor(async () => expect((await shown(7))?.badge).not.toBe('…'));
    return reply;
  };
  return { visit, shown, serve: (next: Record<string, unknown>) => void (routes = next), advance: (ms: number) => void (clock += ms) };
}

/** A verdict refusing a file of another release: the core's subject check, or the adapter's shape check. */
const REFUSED_AS_OTHER_RELEASE = [{ status: 'invalid', code: 'SUBJECT_NAME' }, { status: 'unavailable', code: 'PARSE_SHAPE' }];
const outcome = (reply: unknown) => {
  const v = (reply as { value?: { status?: string; code?: string } }).value ?? {};
  return { status: v.status, code: v.code };
};

describeRealData('semantic attacks, PyPI release page: files of another release', () => {
  // FINDING: the JSON API's info says 4.0.0, its file list holds 3.0.0's sdist; its real
  // (Google-signed) provenance is then shown as the identity of sampleproject 4.0.0.
  it("a 4.0.0 page is not verified by 3.0.0's file and signer", async () => {
    const w = world({
      [json('sampleproject', '4.0.0')]: release('sampleproject', '4.0.0', [SDIST_3]),
      [integrity('sampleproject', '4.0.0', SDIST_3.filename)]: googleProvenance(),
    });
    expect(REFUSED_AS_OTHER_RELEASE).toContainEqual(outcome(await w.visit('sampleproject', '4.0.0')));
  });

  // FINDING: same, with another project's file: trailofbits/pypi-attestations shown for "sigstore".
  it("the page of one project is not verified by another project's file and signer", async () => {
    const w = world({
      [json('sigstore', '0.0.19')]: release('sigstore', '0.0.19', [SDIST_19]),
      [integrity('sigstore', '0.0.19', SDIST_19.filename)]: prov19(),
    });
    expect(REFUSED_AS_OTHER_RELEASE).toContainEqual(outcome(await w.visit('sigstore', '0.0.19')));
  });

  it.each([
    ['another version', release('pypi-attestations', '0.0.16', [SDIST_19])],
    ['another project', release('sigstore', '0.0.19', [SDIST_19])],
  ])('held: a release document for %s is not taken for the page', async (_name, doc) => {
    const w = world({ [json('pypi-attestations', '0.0.19')]: doc, [integrity('pypi-attestations', '0.0.19', SDIST_19.filename)]: prov19() });
    expect(outcome(await w.visit('pypi-attestations', '0.0.19'))).toEqual({ status: 'unavailable', code: 'PARSE_SHAPE' });
  });
});

describeRealData('semantic attacks, PyPI release page: a file added after the release verified', () => {
  const verifiedRelease = () => ({
    [json('pypi-attestations', '0.0.19')]: release('pypi-attestations', '0.0.19', [SDIST_19]),
    [integrity('pypi-attestations', '0.0.19', SDIST_19.filename)]: prov19(),
  });
  const grown = (wheelProvenance: unknown) => ({
    ...verifiedRelease(),
    [json('pypi-attestations', '0.0.19')]: release('pypi-attestations', '0.0.19', [SDIST_19, WHEEL_19]),
    [integrity('pypi-attestations', '0.0.19', WHEEL_19.filename)]: wheelProvenance,
  });
  const revisit = async (wheelProvenance: unknown) => {
    const w = world(verifiedRelease());
    expect(outcome(await w.visit('pypi-attestations', '0.0.19'))).toEqual({ status: 'verified', code: undefined });
    w.advance(11 * 60_000);
    w.serve(grown(wheelProvenance));
    return { reply: await w.visit('pypi-attestations', '0.0.19'), shown: await w.shown(7) };
  };

  // FINDING: the release document now lists a wheel whose provenance the Integrity API refuses
  // (403, "disabled by an admin"); the worker falls back to the cached verdict on the sdist only.
  it('a new wheel whose provenance cannot be fetched leaves the release not verified', async () => {
    const { reply, shown } = await revisit({ status: 403 });
    expect(outcome(reply)).toEqual({ status: 'unavailable', code: 'FETCH_FORBIDDEN' });
    expect(shown).toMatchObject({ status: 'unavailable', badge: '?' });
  });

  // FINDING: with the attestation of another Sigstore instance (time edited) on the new wheel the
  // check is red for the wheel, but "couldn't check" for the release, and the cache turns it green.
  it("a new wheel carrying another instance's attestation turns the release red", async () => {
    const { reply, shown } = await revisit(otherInstance());
    expect(outcome(reply)).toEqual({ status: 'invalid', code: 'CERT_CHAIN' });
    expect(shown).toMatchObject({ status: 'invalid', badge: '!' });
  });

  it('held: a new wheel without provenance makes the release partial', async () => {
    const w = world(verifiedRelease());
    await w.visit('pypi-attestations', '0.0.19');
    w.advance(11 * 60_000);
    w.serve(grown(undefined)); // no Integrity API route: 404, no provenance
    expect(await w.visit('pypi-attestations', '0.0.19')).toMatchObject({ value: { status: 'partial', verifiedCount: 1, totalCount: 2 } });
  });
});
