// A page's file list can only take a verdict down: a file on screen the verdict did not check
// makes a good or neutral verdict couldn't-check (never red); failed and unchecked stay as they are.
import { describe, expect, it } from 'vitest';
import type { PackageVerdict } from '../core/verdict';
import { IDENTITY, VERDICTS } from '../ui/test-verdicts';
import { withPageFiles } from './page-files';

const names = (v: PackageVerdict) => v.files.map((f) => f.filename);
const listed = (v: PackageVerdict) => names(v);

describe('withPageFiles', () => {
  it('leaves a verdict whose files cover the page as it is, whatever the order or repeats', () => {
    const v = VERDICTS.verified as PackageVerdict;
    expect(withPageFiles(v, [...listed(v)].reverse().concat(listed(v)))).toBe(v);
    // The API listing more than the page is not a claim about a file on screen.
    expect(withPageFiles(v, listed(v).slice(0, 1))).toBe(v);
  });

  it('makes verified, partial and none couldn\'t-check (retryable) when the page lists a file the verdict lacks', () => {
    for (const status of ['verified', 'partial', 'none'] as const) {
      const v = VERDICTS[status] as PackageVerdict;
      const out = withPageFiles(v, [...listed(v), 'widgets-1.2.0-cp312-cp312-manylinux_x86_64.whl']);
      expect(out, status).toMatchObject({ status: 'unavailable', code: 'FETCH_UNLISTED', retryable: true, pkg: v.pkg, checkedAt: v.checkedAt });
      expect(out.status === 'unavailable' && out.message).toContain('widgets-1.2.0-cp312-cp312-manylinux_x86_64.whl');
      expect(names(out)).toEqual([...listed(v), 'widgets-1.2.0-cp312-cp312-manylinux_x86_64.whl']);
      expect(out.files.at(-1)?.verdict).toMatchObject({ status: 'unavailable', code: 'FETCH_UNLISTED' });
      // Nothing of the verified identity survives on a verdict that is not verified.
      expect('identity' in out).toBe(false);
    }
  });

  it('keeps a failed verdict failed and an unchecked one unchecked, with the page\'s file added', () => {
    for (const status of ['invalid', 'unavailable'] as const) {
      const v = VERDICTS[status] as PackageVerdict;
      const out = withPageFiles(v, ['extra-1.0.tar.gz']);
      expect(out).toMatchObject({ status, code: (v as { code: string }).code });
      expect(names(out)).toContain('extra-1.0.tar.gz');
    }
  });

  it('keeps the continuity note, which is about the publisher and not the files', () => {
    const continuity = { kind: 'provenance-lost', previousVersion: '1.1.0', previous: IDENTITY } as const;
    const v = { ...(VERDICTS.none as PackageVerdict), continuity } as PackageVerdict;
    expect(withPageFiles(v, ['extra-1.0.tar.gz'])).toMatchObject({ status: 'unavailable', continuity });
  });

  it('does nothing on npm, whose page lists no files', () => {
    const v = { ...(VERDICTS.verified as PackageVerdict), pkg: { registry: 'npm', name: 'widgets', version: '1.2.0' } } as PackageVerdict;
    expect(withPageFiles(v, ['widgets-1.2.0.tgz'])).toBe(v);
  });
});
