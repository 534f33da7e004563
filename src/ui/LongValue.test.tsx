// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Breakable, LongValue } from './LongValue';

afterEach(cleanup);

describe('Breakable', () => {
  it('offers a break after each separator and leaves the text itself unchanged', () => {
    const value = 'https://github.com/pypa/sampleproject/.github/workflows/release.yml@refs/tags/v4.0.0';
    const { container } = render(<Breakable value={value} />);
    expect(container.textContent).toBe(value);
    // After "//" (two), each "/" and "." and "@": never inside "sampleproject" or "workflows".
    const pieces: string[] = [''];
    for (const node of container.childNodes) {
      if (node.nodeName === 'WBR') pieces.push('');
      else pieces[pieces.length - 1] += node.textContent ?? '';
    }
    expect(pieces).toContain('sampleproject/');
    expect(pieces).toContain('workflows/');
    expect(pieces.every((p) => p.length > 0)).toBe(true);
  });

  it('puts nothing in a value without separators', () => {
    const { container } = render(<Breakable value="621e4974ca25ce531773def586ba3ed8e736b3fc" />);
    expect(container.querySelectorAll('wbr')).toHaveLength(0);
  });
});

describe('LongValue', () => {
  it('keeps the whole value for hover and copy, and can be focused when it is no link', () => {
    const value = 'https://token.actions.githubusercontent.com';
    const { container } = render(<LongValue value={value} />);
    const long = container.querySelector('.pl-long');
    expect(long?.getAttribute('title')).toBe(value);
    expect(long?.textContent).toBe(value);
    expect(long?.parentElement?.getAttribute('tabindex')).toBe('0');
  });

  it('is a link only when safe-link accepts the address', () => {
    const good = render(<LongValue value="pypa/sampleproject" href="https://github.com/pypa/sampleproject" />);
    expect(good.container.querySelector('a')?.getAttribute('href')).toBe('https://github.com/pypa/sampleproject');
    cleanup();
    const bad = render(<LongValue value="x" href="javascript:alert(1)" />);
    expect(bad.container.querySelector('a')).toBeNull();
  });
});
