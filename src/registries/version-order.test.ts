import { describe, expect, it } from 'vitest';
import { comparePep440, compareSemver, isSemverPrerelease } from './version-order';

const sortWith = (cmp: (a: string, b: string) => number, list: string[]) => [...list].sort(cmp);

describe('version ordering', () => {
  it('orders SemVer with prereleases before their release', () => {
    const order = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.1', '1.10.0', '2.0.0'];
    expect(sortWith((a, b) => compareSemver(a, b) ?? 0, [...order].reverse())).toEqual(order);
    expect(compareSemver('1.0.0+build', '1.0.0')).toBe(0);
    expect(compareSemver('not-a-version', '1.0.0')).toBeNull();
    expect(isSemverPrerelease('2.0.0-rc.1')).toBe(true);
    expect(isSemverPrerelease('2.0.0')).toBe(false);
  });

  it('orders PEP 440 versions: dev < pre < final < post, epochs first, legacy lowest', () => {
    const order = ['legacy-version', '0.9', '1.0.dev1', '1.0a1', '1.0b2', '1.0rc1', '1.0', '1.0.post1', '1.0.1', '1.10', '1!0.1'];
    expect(sortWith(comparePep440, [...order].reverse())).toEqual(order);
    expect(comparePep440('1.0', '1.0.0')).toBe(0);
    expect(comparePep440('0.0.30', '0.0.19')).toBe(1);
  });
});
