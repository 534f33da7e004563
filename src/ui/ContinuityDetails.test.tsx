// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { PackageVerdict, SignerIdentity } from '../core/verdict';
import { ProvenanceDetails } from './ProvenanceDetails';
import { CURRENT, changedVerdict, LOST, PIN_MISMATCH, PREVIOUS } from './test-continuity';

afterEach(cleanup);

const show = (verdict: PackageVerdict) => render(<ProvenanceDetails state={{ kind: 'verdict', pkg: verdict.pkg, verdict }} />);
const section = () => screen.getByRole('region', { name: 'Publisher continuity' });
const columns = () => Array.from(section().querySelectorAll('.pl-card')) as HTMLElement[];
const hrefs = (root: Element) => Array.from(root.querySelectorAll('a')).map((a) => a.getAttribute('href'));

describe('ProvenanceDetails: publisher continuity', () => {
  it('puts the previous version\'s signer beside this version\'s, with links, and marks what changed', () => {
    show(changedVerdict('repositoryId', '1111', '2222'));
    const [before, after] = columns();
    if (before === undefined || after === undefined) throw new Error('two columns expected');
    expect(within(before).getByRole('heading').textContent).toBe('Version 1.1.0');
    expect(within(after).getByRole('heading').textContent).toBe('This version (1.2.0)');
    for (const [column, who, id, owner] of [[before, 'acme/widget', '1111', '11'], [after, 'mallory/widget', '2222', '22']] as const) {
      const text = column.textContent ?? '';
      for (const value of [who, '.github/workflows/release.yml', 'https://token.actions.githubusercontent.com', id, owner]) expect(text).toContain(value);
      expect(hrefs(column)).toContain(`https://github.com/${who}`);
      expect(column.querySelector('.pl-changed')?.textContent).toBe(`${id} (changed)`);
    }
    expect(hrefs(before)).toContain(`https://github.com/acme/widget/blob/${PREVIOUS.commit}/.github/workflows/release.yml`);
    // Ids mean little alone: the repository names stand beside them.
    expect(screen.getByRole('note').textContent).toBe(
      'Careful: the publisher changed since version 1.1.0: repository id was 1111 (acme/widget), now 2222 (mallory/widget).',
    );
  });

  it('shows the verdict as amber at the top', () => {
    const { container } = show(changedVerdict('repository', 'acme/widget', 'mallory/widget'));
    const pill = container.querySelector('.pl-verdict');
    expect(pill?.className).toContain('pl-amber');
    expect(pill?.textContent).toBe('Publisher changed: acme/widget → mallory/widget');
  });

  it('shows the previous signer and "no provenance" when provenance was lost', () => {
    show(LOST);
    const [before, after] = columns();
    expect(before?.textContent).toContain('acme/widget');
    expect(after?.textContent).toBe('This version (1.2.0)This version has no provenance.');
    expect(screen.getByRole('note').textContent).toContain('version 1.1.0 had provenance, built by acme/widget, but this version has none');
  });

  it('shows a pin mismatch\'s expected and actual signer, and the change that explains it', () => {
    const { container } = show(PIN_MISMATCH);
    expect(container.querySelector('.pl-pin-mismatch')?.textContent).toBe(
      'Pinned to acme/widget (.github/workflows/release.yml), but signed by mallory/widget (.github/workflows/release.yml).',
    );
    expect(container.textContent).toContain('IDENTITY_PIN');
    expect(container.textContent).toContain('The signer is not the one pinned for this package.');
    // The verdict lost its identity to the pin, but the files' verified certificates say who signed.
    expect(columns()[1]?.textContent).toContain('mallory/widget');
    expect(screen.getByRole('note').textContent).toContain('now 2222 (mallory/widget)');
    // The failure comes first: it is what the badge says.
    const problem = container.querySelector('.pl-problem');
    expect(problem?.compareDocumentPosition(section()) ?? 0).toBe(Node.DOCUMENT_POSITION_FOLLOWING);
  });

  it('says only what changed when no certificate of this version is at hand', () => {
    show({ ...PIN_MISMATCH, files: [] });
    expect(columns()[1]?.textContent).toBe('This version (1.2.0)Repository id: 2222');
  });

  it('keeps hostile certificate values inert on both sides', () => {
    const html = '<img src=x onerror=alert(1)>';
    const evil = (base: SignerIdentity): SignerIdentity => ({
      ...base,
      repository: `${html}/x`,
      workflowPath: 'javascript:alert(1)',
      issuer: '<script>alert(1)</script>',
      repositoryId: html,
      ownerId: '"><svg onload=alert(1)>',
      commit: '../../evil',
    });
    const { container } = show(changedVerdict('issuer', '<script>alert(1)</script>', html, evil(CURRENT), evil(PREVIOUS)));
    expect(container.querySelector('img, script, svg, iframe')).toBeNull();
    expect(container.querySelectorAll('[onerror], [onload]')).toHaveLength(0);
    for (const href of hrefs(container)) expect(href).toMatch(/^https:\/\/(github\.com|gitlab\.com|search\.sigstore\.dev)\//);
    expect(hrefs(section())).toEqual([]);
    expect(section().textContent).toContain(html);
    expect(section().textContent).toContain('javascript:alert(1)');
  });
});
