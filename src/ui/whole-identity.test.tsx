// @vitest-environment happy-dom
// The whole identity on screen: a builder beside the source repository, the ids, a Google
// account, a release whose files come from different refs, and a registry-signed-only upload.
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { PackageVerdict } from '../core/verdict';
import { Badge } from './Badge';
import { packageBadgeView } from './badge-text';
import { ProvenanceDetails } from './ProvenanceDetails';
import { changedVerdict } from './test-continuity';
import { BUILDER_COMMIT, BUILT_BY, GOOGLE, INCONSISTENT, REF_SPLIT, REGISTRY_SIGNED, verifiedBy } from './test-identity';
import { FILENAMES, VERDICTS } from './test-verdicts';

afterEach(cleanup);

const view = (verdict: PackageVerdict) => packageBadgeView({ kind: 'verdict', pkg: verdict.pkg, verdict });
const details = (verdict: PackageVerdict) => render(<ProvenanceDetails state={{ kind: 'verdict', pkg: verdict.pkg, verdict }} />);
/** The value of a `dt`/`dd` pair in the identity list, by its term. */
const field = (container: Element, term: string) =>
  Array.from(container.querySelectorAll('dt')).find((dt) => dt.textContent === term)?.nextElementSibling ?? null;
const hrefs = (root: Element) => Array.from(root.querySelectorAll('a')).map((a) => a.getAttribute('href'));

describe('a build by another workflow', () => {
  it('shows the builder next to the source repository and its workflow, linked to its file at the builder\'s commit', () => {
    const { container } = details(verifiedBy(BUILT_BY));
    expect(field(container, 'Repository')?.textContent).toBe('octo/widgets');
    expect(field(container, 'Workflow')?.textContent).toBe('.github/workflows/release.yml');
    const builtBy = field(container, 'Built by');
    expect(builtBy?.textContent).toBe('org/shared-workflows · .github/workflows/release.yml @ refs/tags/v1');
    if (builtBy === null) throw new Error('no builder row');
    expect(hrefs(builtBy)).toEqual([`https://github.com/org/shared-workflows/blob/${BUILDER_COMMIT}/.github/workflows/release.yml`]);
  });

  it('says the builder in the badge\'s accessible name, not in its short label', () => {
    const v = view(verifiedBy(BUILT_BY));
    expect(v.text).toBe('Verified · octo/widgets');
    expect(v.fullText).toContain(
      'built by octo/widgets with workflow .github/workflows/release.yml at refs/tags/v1.2.0 with the build run by org/shared-workflows · .github/workflows/release.yml @ refs/tags/v1.',
    );
  });

  it('shows no builder row for a build by the repository\'s own workflow', () => {
    const { container } = details(VERDICTS.verified);
    expect(field(container, 'Built by')).toBeNull();
  });

  it('keeps a hostile builder inert: text only, links only to the forge', () => {
    const html = '<img src=x onerror=alert(1)>';
    const evil = { ...BUILT_BY, builder: { uri: 'javascript:alert(1)', repository: `${html}/x`, workflowPath: '../../x', ref: html } };
    const { container } = details(verifiedBy(evil));
    expect(container.querySelector('img')).toBeNull();
    expect(field(container, 'Built by')?.textContent).toBe(`${html}/x · ../../x @ ${html}`);
    for (const href of hrefs(container)) expect(href).toMatch(/^https:\/\/(github\.com|search\.sigstore\.dev)\//);
  });
});

describe('ids and Google accounts', () => {
  it('shows the repository and owner ids in the details', () => {
    const { container } = details(verifiedBy(BUILT_BY));
    expect(field(container, 'Repository id')?.textContent).toBe('123456');
    expect(field(container, 'Owner id')?.textContent).toBe('7890');
  });

  it('names a Google publisher by its service account', () => {
    const verdict = verifiedBy(GOOGLE);
    expect(view(verdict).text).toBe('Verified · release@widgets-prod.iam.gserviceaccount.com');
    const { container } = details(verdict);
    expect(field(container, 'Built on')?.textContent).toBe('Google');
    expect(field(container, 'Signer e-mail')?.textContent).toBe(GOOGLE.email);
    expect(field(container, 'Repository')).toBeNull();
  });

  it('says a changed e-mail as the two addresses, and marks the row', () => {
    const other = { ...GOOGLE, email: 'ci@attacker.iam.gserviceaccount.com', san: 'ci@attacker.iam.gserviceaccount.com' };
    const verdict = changedVerdict('email', GOOGLE.email ?? '', other.email, other, GOOGLE);
    expect(view(verdict).text).toBe('Publisher changed: release@widgets-prod.iam.gser… → ci@attacker.iam.gserviceaccou…');
    details(verdict);
    const section = screen.getByRole('region', { name: 'Publisher continuity' });
    expect(within(section).getByRole('note').textContent).toBe(
      `Careful: the publisher changed since version 1.1.0: e-mail was ${GOOGLE.email}, now ${other.email}.`,
    );
    const changed = Array.from(section.querySelectorAll('.pl-changed')).map((dd) => dd.textContent);
    expect(changed).toEqual([`${GOOGLE.email} (changed)`, `${other.email} (changed)`]);
  });

  it('says a changed builder by repository and file, the whole URIs in the sentence', () => {
    const shared = 'https://github.com/org/shared-workflows/.github/workflows/release.yml';
    const own = 'https://github.com/octo/widgets/.github/workflows/release.yml';
    const verdict = changedVerdict('builder', own, shared, BUILT_BY, { ...BUILT_BY, builder: undefined });
    const v = view(verdict);
    // Each side clipped like every label value; the whole URI is in the accessible name.
    expect(v.text).toBe('Publisher changed: builder octo/widgets · release.yml → org/shared-workflows · releas…');
    expect(v.fullText).toContain(`builder was ${own}, now ${shared}`);
    details(verdict);
    const [before, after] = Array.from(screen.getByRole('region', { name: 'Publisher continuity' }).querySelectorAll('.pl-card'));
    expect(before?.textContent).toContain("Builderthe repository's own workflow (changed)");
    expect(after?.querySelector('.pl-changed')?.textContent).toBe('org/shared-workflows · .github/workflows/release.yml @ refs/tags/v1 (changed)');
  });
});

describe('a release signed from different sources', () => {
  it('is amber "Inconsistent provenance", its status unchanged, with the refs in the accessible name', () => {
    const v = view(INCONSISTENT);
    render(<Badge view={v} />);
    const button = screen.getByRole('button');
    expect(button.textContent).toBe('!Inconsistent provenance');
    expect(button.className).toContain('pl-amber');
    expect(button.getAttribute('data-status')).toBe('verified');
    expect(button.getAttribute('data-consistency')).toBe('inconsistent');
    expect(v.fullText).toBe(
      'Provenance verified for widgets 1.2.0, but its files were signed from different refs: refs/tags/v1.2.0, refs/heads/main. Open details.',
    );
  });

  it('lists each file\'s own ref beside its status', () => {
    const { container } = details(INCONSISTENT);
    expect(container.querySelector('.pl-verdict')?.textContent).toBe('Inconsistent provenance');
    const files = screen.getByRole('region', { name: 'Files' });
    expect(within(files).getByText(/files come from different refs/)).toBeTruthy();
    const rows = within(files).getAllByRole('row').map((r) => Array.from(r.children).map((c) => c.textContent));
    expect(rows).toEqual([
      ['File', 'Status', 'Source'],
      [FILENAMES.wheel, 'Verified', 'refs/tags/v1.2.0'],
      [FILENAMES.sdist, 'Verified', 'refs/heads/main'],
    ]);
  });

  it('keeps a publisher change as the label, and says both in the accessible name', () => {
    const changed = changedVerdict('repository', 'acme/widget', 'mallory/widget');
    if (changed.status !== 'verified') throw new Error('fixture');
    const both: PackageVerdict = { ...changed, inconsistent: REF_SPLIT };
    const v = view(both);
    expect(v).toMatchObject({ text: 'Publisher changed: acme/widget → mallory/widget', continuity: 'publisher-changed', consistency: 'inconsistent', amber: true });
    expect(v.fullText).toMatch(/now mallory\/widget\. Also, its files were signed from different refs: .*\. Open details\.$/);
  });

  it('adds no column and no mark to a consistent release', () => {
    expect(view(VERDICTS.verified).consistency).toBeUndefined();
    details(VERDICTS.verified);
    expect(within(screen.getByRole('region', { name: 'Files' })).getAllByRole('columnheader')).toHaveLength(2);
  });
});

describe('an upload only npm\'s registry signed', () => {
  it('stays grey "No provenance", and the details say what the registry\'s signature is', () => {
    const v = view(REGISTRY_SIGNED);
    expect(v).toMatchObject({ status: 'none', text: 'No provenance' });
    expect(v.amber).toBeUndefined();
    expect(v.fullText).toBe("No provenance for widgets 1.2.0: npm's registry signed this upload, but nothing says who built it. Open details.");
    const { container } = details(REGISTRY_SIGNED);
    expect(container.textContent).toContain("No build provenance · npm's registry signed this upload.");
    expect(container.textContent).toContain('SHA256:DhQ8wR5APBvFHLF/+Tc+AYvPOdTpcIDqOhxsBHRwC7U');
    expect(hrefs(container)).toEqual(['https://search.sigstore.dev/?logIndex=99887766554']);
    expect(container.textContent).not.toContain('The registry has no attestation');
  });
});
