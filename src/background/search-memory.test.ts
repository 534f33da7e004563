// The worker's memory of what search pages asked about: per result list (the fragment aside),
// bounded in pages and in results, newest kept, forgotten on request.
import { describe, expect, it } from 'vitest';
import { PYPI_ORIGIN } from '../registries/pypi/hosts';
import { createSearchMemory, keptSearchVerdicts, MAX_RESULTS } from './search-memory';
import type { PackageVerdict } from '../core/verdict';

const on = (path: string) => new URL(path, PYPI_ORIGIN).href;
const pkg = (name: string) => ({ registry: 'pypi' as const, name });

describe('search memory', () => {
  it('recalls per result list; the fragment does not make another list, the query does', () => {
    const m = createSearchMemory();
    m.note(on('/search/?q=a'), [pkg('x'), pkg('y')]);
    m.note(on('/search/?q=a#more'), [pkg('x'), pkg('z')]);
    expect(m.recall(on('/search/?q=a'))).toEqual([pkg('y'), pkg('x'), pkg('z')]);
    expect(m.recall(on('/search/?q=b'))).toEqual([]);
    expect(m.recall('not a url')).toEqual([]);
    m.note('not a url', [pkg('x')]);
    m.clear();
    expect(m.recall(on('/search/?q=a'))).toEqual([]);
  });

  it(`keeps at most ${MAX_RESULTS} results a page, and eight pages, dropping the oldest`, () => {
    const m = createSearchMemory();
    m.note(on('/search/?q=a'), Array.from({ length: MAX_RESULTS + 5 }, (_, i) => pkg(`p${i}`)));
    const kept = m.recall(on('/search/?q=a'));
    expect(kept).toHaveLength(MAX_RESULTS);
    expect(kept[0]).toEqual(pkg('p5'));
    for (let i = 0; i < 8; i++) m.note(on(`/search/?q=${i}`), [pkg('x')]);
    expect(m.recall(on('/search/?q=a'))).toEqual([]);
    expect(m.recall(on('/search/?q=7'))).toEqual([pkg('x')]);
  });

  it('hands out copies: a caller cannot change what is remembered', () => {
    const m = createSearchMemory();
    m.note(on('/search/?q=a'), [pkg('x')]);
    const [first] = m.recall(on('/search/?q=a'));
    if (first) first.name = 'evil';
    expect(m.recall(on('/search/?q=a'))).toEqual([pkg('x')]);
  });

  it('tells only the kept verdicts, under the package as asked', async () => {
    const m = createSearchMemory();
    m.note(on('/search/?q=a'), [pkg('x'), pkg('y')]);
    const verdict = { pkg: { ...pkg('x'), version: '1' }, status: 'none', files: [] } as unknown as PackageVerdict;
    expect(await keptSearchVerdicts(m, on('/search/?q=a'), async (p) => (p.name === 'x' ? { verdict, until: 5 } : undefined))).toEqual([{ asked: pkg('x'), verdict, until: 5 }]);
  });
});
