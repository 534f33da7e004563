// Pins and publisher history with the whole identity: e-mail, ids and builder are kept, read
// back and carried through export and import, and what older versions stored still reads.
import { describe, expect, it } from 'vitest';
import type { SignerIdentity } from '../core/verdict';
import { checkPinsImport } from './pins-transfer';
import { createPinStore } from './pins';
import { fakeStorage } from './testing/fake-storage';

const GH = 'https://token.actions.githubusercontent.com';
const SHARED = 'https://github.com/org/shared-workflows/.github/workflows/release.yml';
const widgets = { registry: 'pypi' as const, name: 'widgets' };
const wholePin = { issuer: GH, repository: 'octo/widgets', workflowPath: '.github/workflows/release.yml', repositoryId: '123', ownerId: '45', builder: SHARED };
const googlePin = { issuer: 'https://accounts.google.com', email: 'release@widgets.iam.gserviceaccount.com' };
const built: SignerIdentity = {
  forge: 'github',
  issuer: GH,
  san: `${SHARED}@refs/tags/v1`,
  repository: 'octo/widgets',
  workflowPath: '.github/workflows/release.yml',
  repositoryId: '123',
  ownerId: '45',
  builder: { uri: `${SHARED}@refs/tags/v1`, repository: 'org/shared-workflows', workflowPath: '.github/workflows/release.yml', ref: 'refs/tags/v1' },
};

/** What a version before issue 13 exported: pins by repository, history without ids or builders. */
const OLD_EXPORT = JSON.stringify({
  version: 1,
  pins: [{ registry: 'npm', name: 'left-pad', pin: { issuer: GH, repository: 'stevemao/left-pad' }, createdAt: 1 }],
  history: [{ registry: 'npm', name: 'left-pad', seen: [{ version: '1.3.0', issuer: GH, repository: 'stevemao/left-pad', repositoryId: '9', seenAt: 2 }] }],
});

describe('pins and history, whole identity', () => {
  it('keeps e-mail, ids and the builder (without its ref) in the history', async () => {
    const store = createPinStore(fakeStorage(), () => 10);
    await store.recordSeen(widgets, '1.0', built);
    await store.recordSeen({ registry: 'pypi', name: 'gwidgets' }, '2.0', { forge: 'google', issuer: googlePin.issuer, san: googlePin.email, email: googlePin.email });
    expect(await store.seen(widgets)).toEqual([
      { version: '1.0', issuer: GH, repository: 'octo/widgets', workflowPath: '.github/workflows/release.yml', repositoryId: '123', ownerId: '45', builder: SHARED, seenAt: 10 },
    ]);
    expect(await store.seen({ registry: 'pypi', name: 'gwidgets' })).toEqual([{ version: '2.0', issuer: googlePin.issuer, email: googlePin.email, seenAt: 10 }]);
  });

  it('records the same version again when only its builder changed', async () => {
    let t = 1;
    const store = createPinStore(fakeStorage(), () => t++);
    await store.recordSeen(widgets, '1.0', built);
    await store.recordSeen(widgets, '1.0', built);
    expect((await store.seen(widgets))[0]?.seenAt).toBe(1);
    const { builder: _dropped, ...own } = built;
    await store.recordSeen(widgets, '1.0', own);
    expect(await store.seen(widgets)).toEqual([expect.objectContaining({ seenAt: 3 })]);
    expect((await store.seen(widgets))[0]?.builder).toBeUndefined();
  });

  it('exports whole and Google pins and imports them into a fresh profile unchanged', async () => {
    const store = createPinStore(fakeStorage(), () => 5);
    await store.set(widgets, wholePin);
    await store.set({ registry: 'pypi', name: 'gwidgets' }, googlePin);
    await store.recordSeen(widgets, '1.0', built);
    const exported = await store.exportAll();
    const checked = checkPinsImport(JSON.stringify(exported));
    if (!checked.ok) throw new Error(checked.message);
    const fresh = createPinStore(fakeStorage());
    await fresh.importAll(checked.data);
    expect(await fresh.exportAll()).toEqual(exported);
    expect(await fresh.get(widgets)).toEqual(wholePin);
  });

  it('imports an export written before the new fields existed', async () => {
    const checked = checkPinsImport(OLD_EXPORT);
    if (!checked.ok) throw new Error(checked.message);
    const store = createPinStore(fakeStorage());
    expect(await store.importAll(checked.data)).toEqual({ pins: 1, history: 1 });
    expect(await store.get({ registry: 'npm', name: 'left-pad' })).toEqual({ issuer: GH, repository: 'stevemao/left-pad' });
  });

  it('reads what an older version stored, and drops a stored pin that names no source', async () => {
    const old = JSON.parse(OLD_EXPORT) as { pins: unknown[]; history: unknown[] };
    const noSource = { registry: 'npm', name: 'x', pin: { issuer: GH, repositoryId: '1' }, createdAt: 1 };
    const store = createPinStore(fakeStorage({ pins: [...old.pins, noSource], 'publisher-history': old.history }));
    expect(await store.exportAll()).toEqual({ version: 1, pins: old.pins, history: old.history });
  });

  it('refuses an import whose history entry carries a bad new field', () => {
    const bad = { version: 1, pins: [], history: [{ ...widgets, seen: [{ version: '1.0', issuer: GH, builder: 'x'.repeat(600), seenAt: 1 }] }] };
    expect(checkPinsImport(bad)).toEqual({ ok: false, message: 'history[0] is not a valid entry' });
  });
});
