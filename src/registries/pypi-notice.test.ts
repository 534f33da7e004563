// PyPI's own release notice beside ours: where they agree nothing is added; where they disagree
// the verdict carries a note saying what each one is based on. The status never moves.
import { describe, expect, it } from 'vitest';
import type { PackageVerdict } from '../core/verdict';
import { IDENTITY, VERDICTS } from '../ui/test-verdicts';
import { parsePypiNotice, PYPI_NOTICES, pypiNoticeOf } from '../shared/pypi-notices';
import { withPypiNotice } from './pypi-notice';

const verified = VERDICTS.verified as PackageVerdict;
const partial = VERDICTS.partial as PackageVerdict;
const none = VERDICTS.none as PackageVerdict;
const changed = {
  ...verified,
  continuity: { kind: 'publisher-changed', field: 'repository', from: 'octo/old', to: 'octo/widgets', previousVersion: '1.1.0', previous: { ...IDENTITY, repository: 'octo/old' } },
} as PackageVerdict;
const lost = { ...none, continuity: { kind: 'provenance-lost', previousVersion: '1.1.0', previous: IDENTITY } } as PackageVerdict;

describe('pypiNoticeOf', () => {
  it('reads exactly the five labels PyPI shows, in any case and spacing, and nothing else', () => {
    expect(pypiNoticeOf('  Full provenance\n')).toBe('full');
    expect(pypiNoticeOf('Change of Provenance')).toBe('change');
    expect(pypiNoticeOf('Loss of provenance')).toBe('loss');
    expect(pypiNoticeOf('Inconsistent provenance')).toBe('inconsistent');
    expect(pypiNoticeOf('Incomplete provenance')).toBe('incomplete');
    for (const other of ['Provenance', 'Full provenance!', 'No provenance found', '', 'Full  provenance']) {
      expect(pypiNoticeOf(other), other).toBeUndefined();
    }
  });

  it('takes only the five keys from a message', () => {
    expect(parsePypiNotice('change')).toBe('change');
    for (const other of ['Change', 'full ', 'toString', '__proto__', 1, null, {}, ['full']]) expect(parsePypiNotice(other)).toBeUndefined();
  });
});

describe('withPypiNotice', () => {
  it('adds nothing where PyPI and this check agree', () => {
    expect(withPypiNotice(verified, 'full')).toBe(verified);
    expect(withPypiNotice(changed, 'change')).toBe(changed);
    expect(withPypiNotice(partial, 'incomplete')).toBe(partial);
    expect(withPypiNotice(lost, 'loss')).toBe(lost);
    expect(withPypiNotice(verified, undefined)).toBe(verified);
  });

  it('PyPI says the publisher changed, the verified certificates say it did not: a note, status still verified', () => {
    const out = withPypiNotice(verified, 'change');
    expect(out.status).toBe('verified');
    expect(out.registryNote).toContain('PyPI\'s page says "Change of provenance"');
    expect(out.registryNote).toContain('releases of the last 14 days');
    expect(out.registryNote).toContain('built by octo/widgets, with no change of publisher');
  });

  it('this check finds a change PyPI does not show: the note names the release it changed since', () => {
    const out = withPypiNotice(changed, 'full');
    expect(out.status).toBe('verified');
    expect(out.registryNote).toContain('"Full provenance"');
    expect(out.registryNote).toContain('found the publisher changed since 1.1.0');
  });

  it('PyPI says full, this check found no attestations or only some files verified', () => {
    expect(withPypiNotice(none, 'full')).toMatchObject({ status: 'none', registryNote: expect.stringContaining('found no attestations for this release') });
    expect(withPypiNotice(partial, 'full').registryNote).toContain('verified 1 of 2 files');
    expect(withPypiNotice(lost, 'full').registryNote).toContain('which 1.1.0 had');
  });

  it('keeps the failed-file note as it is, and adds one to a failure that has none', () => {
    const failed = VERDICTS.invalid as PackageVerdict;
    const noted = { ...failed, registryNote: 'PyPI shows attestations for x.whl' } as PackageVerdict;
    expect(withPypiNotice(noted, 'full')).toBe(noted);
    expect(withPypiNotice(failed, 'full').registryNote).toContain('found an attestation that does not verify');
    expect(withPypiNotice(failed, 'full').status).toBe('invalid');
  });

  it('says nothing when this check could not be made, and nothing on npm', () => {
    const down = VERDICTS.unavailable as PackageVerdict;
    for (const notice of PYPI_NOTICES) expect(withPypiNotice(down, notice)).toBe(down);
    const npm = { ...verified, pkg: { registry: 'npm', name: 'widgets', version: '1.2.0' } } as PackageVerdict;
    expect(withPypiNotice(npm, 'change')).toBe(npm);
  });

  it('never changes a status or an identity, whatever the notice', () => {
    for (const v of [verified, partial, none, changed, lost, VERDICTS.invalid as PackageVerdict]) {
      for (const notice of PYPI_NOTICES) {
        const out = withPypiNotice(v, notice);
        expect({ ...out, registryNote: undefined }).toEqual({ ...v, registryNote: undefined });
      }
    }
  });
});
