// Which tabs show a name among their search results lately: asked to ask again when the name is
// decided anew (search-tabs.ts). By name as the registry spells it (PyPI normalised), for
// SHOWING_MS, at most 32 tabs, every search tab for a pin import.
import { describe, expect, it } from 'vitest';
import { createSearchTabs, SHOWING_MS } from './search-tabs';

const pypi = (name: string, version?: string) => ({ registry: 'pypi' as const, name, ...(version ? { version } : {}) });

describe('search tabs', () => {
  it('finds the tabs showing any spelling or release of the name, and none for another registry', () => {
    const tabs = createSearchTabs(() => 0);
    tabs.shown(1, [pypi('Foo_Bar')]);
    tabs.shown(2, [pypi('other')]);
    tabs.shown(3, [{ registry: 'npm', name: 'foo-bar' }]);
    expect(tabs.showing(pypi('foo-bar', '1.0'))).toEqual([1]);
    expect(tabs.showing(null)).toEqual([1, 2, 3]);
    tabs.removed(1);
    expect(tabs.showing(pypi('foo-bar'))).toEqual([]);
  });

  it(`forgets a tab not heard from for ${SHOWING_MS / 60_000} minutes, and keeps at most 32`, () => {
    let clock = 0;
    const tabs = createSearchTabs(() => clock);
    tabs.shown(1, [pypi('a')]);
    clock += SHOWING_MS;
    expect(tabs.showing(pypi('a'))).toEqual([]);
    tabs.shown(1, [pypi('b')]);
    expect(tabs.showing(pypi('a'))).toEqual([]);
    for (let tab = 10; tab < 43; tab++) tabs.shown(tab, [pypi('c')]);
    expect(tabs.showing(pypi('b'))).toEqual([]);
    expect(tabs.showing(pypi('c'))).toHaveLength(32);
  });
});
