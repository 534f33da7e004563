// PyPI's redesigned pages show their own release-level provenance notice (the sidebar
// "Provenance" block and the Security tab): Full, Loss of, Change of, Inconsistent or Incomplete
// provenance. PyPI decides it from its own records of what was uploaded and, for a loss or a
// change, from the releases of the last 14 days. Ours comes from certificates verified in the
// browser, compared with the releases before this one. Where the two disagree, the verdict says
// so and why. The page only names which of the five notices it shows: that can add a sentence
// to the panel, never change a status.
import type { PackageVerdict } from '../core/verdict';
import { PYPI_NOTICE_LABEL as LABEL, type PypiNotice } from '../shared/pypi-notices';

/** The notices that agree with our verdict; an empty list where ours says nothing PyPI would. */
function agreeing(v: PackageVerdict): PypiNotice[] {
  switch (v.status) {
    case 'verified': {
      if (v.continuity?.kind === 'publisher-changed') return ['change'];
      return v.inconsistent ? ['inconsistent', 'full'] : ['full'];
    }
    case 'partial':
      return v.continuity?.kind === 'publisher-changed' ? ['change', 'incomplete'] : ['incomplete'];
    case 'none':
      return v.continuity?.kind === 'provenance-lost' ? ['loss'] : [];
    default:
      return [];
  }
}

/** What this check found, in words, for the sentence after PyPI's. */
function ours(v: PackageVerdict): string {
  const before = v.continuity?.previousVersion;
  switch (v.status) {
    case 'verified':
    case 'partial': {
      const files = v.status === 'partial' ? `${v.verifiedCount} of ${v.totalCount} files` : 'every file';
      const who = v.identity.repository ?? v.identity.san;
      if (v.continuity?.kind === 'publisher-changed') {
        return `verified ${files}, built by ${who}, and found the publisher changed since ${before ?? 'the release before'}`;
      }
      return `verified ${files}, built by ${who}, with no change of publisher from the releases before it that it compared`;
    }
    case 'none':
      return before === undefined ? 'found no attestations for this release' : `found no attestations for this release, which ${before} had`;
    case 'invalid':
      return `found an attestation that does not verify (${v.message})`;
    case 'unavailable':
      return 'could not be made';
  }
}

/** `verdict` with a note where PyPI's `notice` disagrees with it; the status never changes. */
export function withPypiNotice(verdict: PackageVerdict, notice: PypiNotice | undefined): PackageVerdict {
  if (notice === undefined || verdict.pkg.registry !== 'pypi' || verdict.status === 'unavailable') return verdict;
  if (agreeing(verdict).includes(notice)) return verdict;
  // A failed file already has its note (combine.ts): it names the files PyPI shows as attested.
  if (verdict.status === 'invalid' && verdict.registryNote !== undefined) return verdict;
  const note =
    `PyPI's page says "${LABEL[notice]}": PyPI decides that from its own records of the uploads ` +
    `(a change or loss against releases of the last 14 days). This check, made in your browser from each ` +
    `file's Sigstore certificate and the transparency log, ${ours(verdict)}.`;
  const registryNote = verdict.registryNote === undefined ? note : `${verdict.registryNote} ${note}`;
  return { ...verdict, registryNote };
}
