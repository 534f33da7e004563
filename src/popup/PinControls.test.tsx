// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { IdentityPin } from '../core/api';
import type { PackageVerdict } from '../core/verdict';
import type { Message, SeenIdentity } from '../shared/messages';
import { CURRENT, PIN_MISMATCH } from '../ui/test-continuity';
import { BUILT_BY, GOOGLE, verifiedBy } from '../ui/test-identity';
import { VERDICTS } from '../ui/test-verdicts';
import { createAsk } from '../ui/worker-client';
import { App } from './App';

afterEach(cleanup);

const PIN: IdentityPin = { issuer: 'https://token.actions.githubusercontent.com', repository: 'octo/widgets', workflowPath: '.github/workflows/release.yml' };
const ISSUER = PIN.issuer;

/** A fake worker that keeps one pin, and answers this version's verdict under it. */
/** `tabRecord`: how the worker records a verdict for the tab's page (e.g. with a file the page lists). */
function pinningWorker(shown: PackageVerdict, underPin: PackageVerdict, seen: SeenIdentity[] = [], tabRecord?: (v: PackageVerdict) => PackageVerdict) {
  const sent: Message[] = [];
  let pin: IdentityPin | null = null;
  // The tab's record, which the worker replaces with each verdict decided anew for its release.
  let record = shown;
  const ask = createAsk(async (m) => {
    sent.push(m);
    switch (m.type) {
      case 'page/active-verdict':
        return { ok: true, value: { pkg: record.pkg, verdict: record } };
      case 'page/pin-get':
        return { ok: true, value: { pin, seen } };
      case 'page/pin-set':
        pin = m.pin;
        record = tabRecord?.(underPin) ?? underPin;
        return { ok: true, value: { pin, verdict: underPin } };
      case 'page/pin-remove': {
        const removed = pin !== null;
        pin = null;
        record = shown;
        return { ok: true, value: { removed, verdict: shown } };
      }
      case 'page/about':
        return { ok: true, value: { version: '0.3.0', trustedRootDate: '2025-09-23T00:00:00.000Z' } };
      default:
        return { ok: false, code: 'MSG_UNKNOWN_TYPE', message: '' };
    }
  });
  return { ask, sent };
}

describe('popup: publisher pin', () => {
  it('pins the package to the signer of the version shown, with the version, and shows the reply\'s verdict', async () => {
    const { ask, sent } = pinningWorker(VERDICTS.verified, PIN_MISMATCH);
    render(<App ask={ask} activeTabId={async () => 1} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Pin this package to octo/widgets (.github/workflows/release.yml)' }));
    expect(await screen.findByText('Provenance check failed')).toBeTruthy();
    expect(sent).toContainEqual({ type: 'page/pin-set', pkg: { registry: 'pypi', name: 'widgets', version: '1.2.0' }, pin: PIN });
    expect(screen.getByText('Pinned to octo/widgets (.github/workflows/release.yml).')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Publisher pin' }).textContent).toContain(`Pinned to octo/widgets (.github/workflows/release.yml) via ${ISSUER}`);
    // The replaced verdict has no identity to pin to, but the pin can still be removed.
    expect(screen.queryByRole('button', { name: /^Pin this package/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Unpin' })).toBeTruthy();
  });

  it('after a pin change shows the verdict as recorded for its tab, not the bare reply (review 2, F1)', async () => {
    // The tab's page lists a file the registry's API does not: the worker's record is couldn't check.
    const unlisted = (v: PackageVerdict): PackageVerdict => ({ ...v, status: 'unavailable', code: 'FETCH_UNLISTED', message: 'x.whl: not listed', retryable: true }) as PackageVerdict;
    const { ask } = pinningWorker(VERDICTS.verified, VERDICTS.verified, [], unlisted);
    render(<App ask={ask} activeTabId={async () => 1} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Pin this package to octo/widgets (.github/workflows/release.yml)' }));
    expect(await screen.findByText("Couldn't check")).toBeTruthy();
    expect(screen.queryByText('Verified · octo/widgets')).toBeNull();
  });

  it('shows an existing pin and unpins it, getting the unpinned verdict back', async () => {
    const { ask, sent } = pinningWorker(PIN_MISMATCH, PIN_MISMATCH);
    render(<App ask={ask} activeTabId={async () => 1} />);
    // Pin it first through the worker, as another popup would have.
    await ask({ type: 'page/pin-set', pkg: { registry: 'pypi', name: 'widgets' }, pin: PIN });
    cleanup();
    render(<App ask={ask} activeTabId={async () => 1} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Unpin' }));
    expect(await screen.findByText('Unpinned.')).toBeTruthy();
    expect(sent).toContainEqual({ type: 'page/pin-remove', pkg: { registry: 'pypi', name: 'widgets', version: '1.2.0' } });
    expect(screen.queryByRole('button', { name: 'Unpin' })).toBeNull();
  });

  it('offers no pin for a failed check, even when its files name a signer', async () => {
    const { ask } = pinningWorker(PIN_MISMATCH, PIN_MISMATCH);
    render(<App ask={ask} activeTabId={async () => 1} />);
    expect(await screen.findByText(/Not pinned\. A version with verified provenance can be pinned/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Pin this package/ })).toBeNull();
  });

  it('offers no pin for a version without provenance', async () => {
    const { ask } = pinningWorker(VERDICTS.none, VERDICTS.none);
    render(<App ask={ask} activeTabId={async () => 1} />);
    expect(await screen.findByText(/Not pinned\. A version with verified provenance can be pinned/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Pin this package/ })).toBeNull();
  });

  it('lists the publishers seen, newest first, compactly', async () => {
    const seen: SeenIdentity[] = [
      { version: '1.2.0', issuer: ISSUER, repository: 'mallory/widget', workflowPath: '.github/workflows/release.yml', seenAt: 3 },
      { version: '1.1.0', issuer: ISSUER, repository: 'acme/widget', workflowPath: '.github/workflows/release.yml', seenAt: 2 },
      { version: '0.9.0', issuer: 'https://accounts.google.com', seenAt: 1 },
    ];
    const { ask } = pinningWorker({ ...VERDICTS.verified, identity: CURRENT }, VERDICTS.verified, seen);
    render(<App ask={ask} activeTabId={async () => 1} />);
    const list = (await screen.findByText(/^Publishers seen \(\d+\)$/)).parentElement;
    if (list === null) throw new Error('no list');
    const items = within(list).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(['1.2.0 mallory/widget · release.yml', '1.1.0 acme/widget · release.yml', '0.9.0 https://accounts.google.com']);
  });

  it('shows the worker\'s refusal', async () => {
    const { ask: base } = pinningWorker(VERDICTS.verified, VERDICTS.verified);
    const ask: typeof base = (m) =>
      m.type === 'page/pin-set' ? Promise.resolve({ ok: false, code: 'MSG_MALFORMED', message: 'too many pins (limit 1000)' }) as never : base(m);
    render(<App ask={ask} activeTabId={async () => 1} />);
    fireEvent.click(await screen.findByRole('button', { name: /^Pin this package/ }));
    await waitFor(() => expect(screen.getByText('Not pinned: too many pins (limit 1000)')).toBeTruthy());
  });

  it('offers to pin a Google-published package to its service account, and says so', async () => {
    const { ask, sent } = pinningWorker(verifiedBy(GOOGLE), verifiedBy(GOOGLE));
    render(<App ask={ask} activeTabId={async () => 1} />);
    fireEvent.click(await screen.findByRole('button', { name: `Pin this package to ${GOOGLE.email}` }));
    const pin = { issuer: 'https://accounts.google.com', email: GOOGLE.email };
    expect(await screen.findByText(`Pinned to ${GOOGLE.email}.`)).toBeTruthy();
    expect(sent).toContainEqual({ type: 'page/pin-set', pkg: { registry: 'pypi', name: 'widgets', version: '1.2.0' }, pin });
    const facts = screen.getByRole('region', { name: 'Publisher pin' }).querySelectorAll('dd');
    expect(Array.from(facts, (dd) => dd.textContent)).toEqual(['https://accounts.google.com', GOOGLE.email]);
  });

  it('says in words what a whole pin holds before pinning: ids and the builder too', async () => {
    const { ask } = pinningWorker(verifiedBy(BUILT_BY), verifiedBy(BUILT_BY));
    render(<App ask={ask} activeTabId={async () => 1} />);
    const button = await screen.findByRole('button', {
      name: 'Pin this package to octo/widgets (.github/workflows/release.yml), built by org/shared-workflows/.github/workflows/release.yml',
    });
    const region = screen.getByRole('region', { name: 'Publisher pin' });
    expect(region.textContent).toContain('Once pinned, every version must be signed by:');
    const rows = Array.from(region.querySelectorAll('dt'), (dt) => `${dt.textContent}: ${dt.nextElementSibling?.textContent}`);
    expect(rows).toEqual([
      `Signed in through: ${ISSUER}`,
      'Repository: octo/widgets',
      'Repository id: 123456: this very repository, not one re-created under its name',
      'Owner id: 7890: the same owner account',
      'Workflow: .github/workflows/release.yml',
      'Built by: org/shared-workflows/.github/workflows/release.yml, at any ref',
    ]);
    fireEvent.click(button);
    expect(await screen.findByText(/^Pinned to octo\/widgets .*, built by org\/shared-workflows/)).toBeTruthy();
  });

  it('lists a Google account and a shared builder among the publishers seen', async () => {
    const seen: SeenIdentity[] = [
      { version: '1.2.0', issuer: ISSUER, repository: 'octo/widgets', workflowPath: '.github/workflows/ci.yml', builder: 'https://github.com/org/shared/.github/workflows/release.yml', seenAt: 2 },
      { version: '1.1.0', issuer: 'https://accounts.google.com', email: 'release@p.iam.gserviceaccount.com', seenAt: 1 },
    ];
    const { ask } = pinningWorker(VERDICTS.verified, VERDICTS.verified, seen);
    render(<App ask={ask} activeTabId={async () => 1} />);
    const list = (await screen.findByText(/^Publishers seen \(\d+\)$/)).parentElement;
    if (list === null) throw new Error('no list');
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '1.2.0 octo/widgets · ci.yml · built by org/shared/.github/workflows/release.yml',
      '1.1.0 release@p.iam.gserviceaccount.com',
    ]);
  });
});
