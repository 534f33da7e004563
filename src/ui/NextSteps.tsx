// What a person should do about each verdict, in plain words: the point of a security tool is
// the decision it helps make. Report links are fixed pages of the registries, not data.
import type { PackageVerdict } from '../core/verdict';

const REPORT = {
  pypi: { href: 'https://pypi.org/security/', name: "PyPI's security team" },
  npm: { href: 'https://docs.npmjs.com/reporting-malware-in-an-npm-package', name: 'npm (reporting malware)' },
} as const;

export function NextSteps({ verdict }: { verdict: PackageVerdict }) {
  const report = REPORT[verdict.pkg.registry];
  switch (verdict.status) {
    case 'invalid':
      return (
        <div class="pl-next">
          <p>
            <strong>Do not install this version.</strong> Its attestation does not verify, so whatever it claims about who built it
            (repository, workflow, commit) is unverified.
          </p>
          <p>
            Compare it with the project's repository and releases, tell the maintainers, and if it looks malicious report it to{' '}
            <a href={report.href} target="_blank" rel="noopener noreferrer">
              {report.name}
            </a>
            .
          </p>
        </div>
      );
    case 'none':
      return verdict.continuity?.kind === 'provenance-lost' ? (
        <p class="pl-next">Earlier versions had provenance and this one has none: check the project's repository for why before installing.</p>
      ) : (
        <p class="pl-next">Many packages are published without provenance; that alone is not a warning. It means who built this version cannot be checked.</p>
      );
    case 'unavailable':
      return <p class="pl-next">Nothing is known either way yet. Retry, or look again later; this is not a failed check.</p>;
    case 'partial':
      return <p class="pl-next">Only the files marked verified below were built as shown; the others carry no provenance.</p>;
    case 'verified':
      return null;
  }
}
