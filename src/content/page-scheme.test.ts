// @vitest-environment happy-dom
// Badges follow the page under them: light on the registries' light pages whatever the system
// says, dark on a page that paints itself dark; the host says which.
import { afterEach, describe, expect, it } from 'vitest';
import { mountBadge } from './mount';
import { darkUnder } from './page-scheme';

/** The page's own background, as a badge placed straight in the body reads it. */
const pageIsDark = () => darkUnder(document.body);

afterEach(() => {
  document.body.removeAttribute('style');
  document.documentElement.removeAttribute('style');
  document.body.replaceChildren();
});

describe('the page under a badge in its body', () => {
  it('is false for a page that paints no background, or a light one', () => {
    expect(pageIsDark()).toBe(false);
    document.body.style.backgroundColor = 'rgb(255, 255, 255)';
    expect(pageIsDark()).toBe(false);
    document.body.style.backgroundColor = 'rgb(243, 243, 243)';
    expect(pageIsDark()).toBe(false);
  });

  it('is true for a dark body, or a dark root under a transparent body', () => {
    document.body.style.backgroundColor = 'rgb(32, 33, 36)';
    expect(pageIsDark()).toBe(true);
    document.body.style.backgroundColor = 'rgba(0, 0, 0, 0)';
    document.documentElement.style.backgroundColor = 'rgb(13, 17, 23)';
    expect(pageIsDark()).toBe(true);
  });

  it('marks a badge host dark on a dark page only, before the page is drawn again (the insert’s own microtask)', async () => {
    const place = () => ({ parent: document.body, before: null });
    const light = mountBadge({ locate: place, css: '' });
    await Promise.resolve();
    expect(light.host.hasAttribute('data-pl-scheme')).toBe(false);
    light.destroy();
    document.body.style.backgroundColor = 'rgb(32, 33, 36)';
    const dark = mountBadge({ locate: place, css: '' });
    await Promise.resolve();
    expect(dark.host.getAttribute('data-pl-scheme')).toBe('dark');
    dark.destroy();
  });
});
