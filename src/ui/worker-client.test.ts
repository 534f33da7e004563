import { describe, expect, it } from 'vitest';
import type { PackageRef } from '../core/verdict';
import { codeText, hasCodeText } from '../shared/code-text';
import { shareIdentities } from '../shared/identity-table';
import { MAX_SEARCH_BATCH, type Message } from '../shared/messages';
import { IDENTITY, VERDICTS } from './test-verdicts';
import { createAsk, searchVerdictLoader } from './worker-client';

const pkg = (name: string): PackageRef => ({ registry: 'pypi', name });

describe('createAsk', () => {
  it('learns the sentences a reply brings for its codes, shown as visible text', async () => {
    // A code no table here knows, as a newer worker might send.
    expect(hasCodeText('FETCH_FROM_THE_FUTURE')).toBe(false);
    const ask = createAsk(async () => ({ ok: false, code: 'FETCH_FROM_THE_FUTURE', message: 'x', texts: { FETCH_FROM_THE_FUTURE: 'Later\u202e.', 'not a code': 'ignored' } }));
    const reply = await ask({ type: 'content/settings' });
    expect(reply).toMatchObject({ ok: false, code: 'FETCH_FROM_THE_FUTURE' });
    expect(codeText('FETCH_FROM_THE_FUTURE')).toBe('Later⟨U+202E⟩.');
    expect(hasCodeText('not a code')).toBe(false);
  });

  it('turns a code nobody explained into MSG_INTERNAL', async () => {
    const ask = createAsk(async () => ({ ok: false, code: 'NEVER_EXPLAINED_CODE', message: '' }));
    expect(await ask({ type: 'content/settings' })).toMatchObject({ ok: false, code: 'MSG_INTERNAL' });
  });
});

describe('createAsk: identities sent once', () => {
  // What the router sends a content script, through JSON as runtime messaging carries it.
  const wire = (value: unknown) => {
    const { value: shared, identities } = shareIdentities(value);
    return JSON.parse(JSON.stringify({ ok: true, value: shared, identities })) as Record<string, unknown>;
  };

  it('puts every identity back where it was, shown as visible text', async () => {
    const ask = createAsk(async () => wire(VERDICTS.verified));
    expect(await ask({ type: 'content/verdict', pkg: pkg('widgets') })).toEqual({ ok: true, value: VERDICTS.verified });
    const hidden = { ...VERDICTS.verified, identity: { ...IDENTITY, ref: 'refs/tags/v1\u202e' } };
    const shown = await createAsk(async () => wire(hidden))({ type: 'content/verdict', pkg: pkg('widgets') });
    expect(shown.ok && 'identity' in shown.value ? shown.value.identity.ref : null).toBe('refs/tags/v1⟨U+202E⟩');
  });

  it('answers a reply whose references the table cannot answer with MSG_INTERNAL, not a verdict', async () => {
    const broken = wire(VERDICTS.verified);
    broken.identities = [];
    expect(await createAsk(async () => broken)({ type: 'content/verdict', pkg: pkg('widgets') })).toMatchObject({ ok: false, code: 'MSG_INTERNAL' });
  });
});

describe('searchVerdictLoader', () => {
  it('sends the results asked for in one task as one message and answers each in order', async () => {
    const sent: Message[] = [];
    const ask = createAsk(async (m) => {
      sent.push(m);
      if (m.type !== 'content/search-verdicts') throw new Error('unexpected');
      return { ok: true, value: m.pkgs.map((p) => (p.name === 'bad' ? { ok: false, code: 'MSG_BAD_PACKAGE', message: 'no' } : { ok: true, value: { status: 'none', name: p.name, pkg: { ...p, version: '1.0' }, files: [] } })) };
    });
    const load = searchVerdictLoader(ask);
    const answers = await Promise.all([load(pkg('a')), load(pkg('bad')), load(pkg('c'))]);
    expect(sent).toEqual([{ type: 'content/search-verdicts', pkgs: [pkg('a'), pkg('bad'), pkg('c')] }]);
    expect(answers.map((a) => (a.ok ? (a.value as unknown as { name: string }).name : a.code))).toEqual(['a', 'MSG_BAD_PACKAGE', 'c']);
    await load(pkg('later'));
    expect(sent).toHaveLength(2);
  });

  it('splits more results than one message may carry into several messages', async () => {
    const sizes: number[] = [];
    const ask = createAsk(async (m) => {
      const pkgs = m.type === 'content/search-verdicts' ? m.pkgs : [];
      sizes.push(pkgs.length);
      return { ok: true, value: pkgs.map((p) => ({ ok: true, value: { status: 'none', pkg: { ...p, version: '1.0' }, files: [] } })) };
    });
    const load = searchVerdictLoader(ask);
    const answers = await Promise.all(Array.from({ length: MAX_SEARCH_BATCH + 3 }, (_, i) => load(pkg(`p${i}`))));
    expect(sizes).toEqual([MAX_SEARCH_BATCH, 3]);
    expect(answers.every((a) => a.ok)).toBe(true);
  });

  it('gives every result the failure when the whole message fails, and a missing answer is no answer', async () => {
    const down = searchVerdictLoader(createAsk(() => Promise.reject(new Error('gone'))));
    expect(await Promise.all([down(pkg('a')), down(pkg('b'))])).toMatchObject([{ ok: false, code: 'WORKER_UNREACHABLE' }, { ok: false, code: 'WORKER_UNREACHABLE' }]);
    const short = searchVerdictLoader(createAsk(async () => ({ ok: true, value: [] })));
    expect(await short(pkg('a'))).toMatchObject({ ok: false, code: 'WORKER_UNREACHABLE' });
  });

  // Answers are matched to results by position: one that is not of its package is not shown.
  it("an answer of another package, of another version asked, or of no package is a malformed reply, not the result's verdict", async () => {
    const answering = (value: (asked: PackageRef) => unknown) =>
      searchVerdictLoader(createAsk(async (m) => ({ ok: true, value: m.type === 'content/search-verdicts' ? m.pkgs.map((p) => ({ ok: true, value: value(p) })) : [] })));
    expect(await answering(() => ({ status: 'none', pkg: { ...pkg('other'), version: '1.0' }, files: [] }))(pkg('widgets'))).toMatchObject({ ok: false, code: 'MSG_INTERNAL' });
    expect(await answering(() => ({ status: 'none', pkg: { ...pkg('widgets'), version: '2.0' }, files: [] }))({ ...pkg('widgets'), version: '1.0' })).toMatchObject({ ok: false, code: 'MSG_INTERNAL' });
    expect(await answering(() => ({ status: 'none' }))(pkg('widgets'))).toMatchObject({ ok: false, code: 'MSG_INTERNAL' });
    // PyPI's spelling of a name is the same project; the resolved version of a "latest" ask is its own.
    expect(await answering((p) => ({ status: 'none', pkg: { ...p, name: 'Widgets_', version: '3.0' }, files: [] }))(pkg('widgets-'))).toMatchObject({ ok: true });
    // A name that is not text is refused like any other shape, and does not cost the batch its answers.
    const mixed = searchVerdictLoader(
      createAsk(async (m) => ({ ok: true, value: m.type === 'content/search-verdicts' ? m.pkgs.map((p) => ({ ok: true, value: { status: 'none', pkg: { ...p, name: p.name === 'odd' ? 5 : p.name, version: '1.0' }, files: [] } })) : [] })),
    );
    expect(await Promise.all([mixed(pkg('odd')), mixed(pkg('widgets'))])).toMatchObject([{ ok: false, code: 'MSG_INTERNAL' }, { ok: true }]);
  });

  it('with details, an abridged answer is a malformed reply: the panel is never left without the whole verdict', async () => {
    const answering = (abridged?: true) =>
      searchVerdictLoader(createAsk(async (m) => ({ ok: true, value: m.type === 'content/search-verdicts' ? m.pkgs.map((p) => ({ ok: true, value: { status: 'none', pkg: { ...p, version: '1.0' }, files: [], abridged } })) : [] })), true);
    expect(await answering(true)(pkg('widgets'))).toMatchObject({ ok: false, code: 'MSG_INTERNAL' });
    expect(await answering()(pkg('widgets'))).toMatchObject({ ok: true });
  });
});
