// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { PackageVerdict } from '../core/verdict';
import { Badge } from './Badge';
import { packageBadgeView } from './badge-text';
import { CURRENT, changedVerdict, LOST, PIN_MISMATCH, PREVIOUS } from './test-continuity';
import { VERDICTS } from './test-verdicts';

afterEach(cleanup);

const pkg = VERDICTS.verified.pkg;
const view = (verdict: PackageVerdict) => packageBadgeView({ kind: 'verdict', pkg, verdict });

describe('Badge with a continuity note', () => {
  const cases: [string, PackageVerdict, string][] = [
    ['another repository', changedVerdict('repository', 'acme/widget', 'mallory/widget'), 'Publisher changed: acme/widget → mallory/widget'],
    // A new repository id under a new name reads as the names.
    ['another repository id', changedVerdict('repositoryId', '1111', '2222'), 'Publisher changed: acme/widget → mallory/widget'],
    [
      'the same name with another id (deleted and re-created)',
      changedVerdict('repositoryId', '1111', '2222', { ...CURRENT, repository: 'acme/widget' }),
      'Publisher changed: repository id 1111 → 2222',
    ],
    [
      'another workflow',
      changedVerdict('workflowPath', '.github/workflows/release.yml', '.github/workflows/other.yml', { ...PREVIOUS, workflowPath: '.github/workflows/other.yml' }),
      'Publisher changed: workflow release.yml → other.yml',
    ],
    ['another issuer', changedVerdict('issuer', 'https://token.actions.githubusercontent.com', 'https://gitlab.com'), 'Publisher changed: issuer token.actions.githubuserconte… → gitlab.com'],
    ['lost provenance', LOST, 'Provenance lost since 1.1.0'],
  ];

  it.each(cases)('shows %s amber in one short sentence, described by the full text', (_what, verdict, text) => {
    const v = view(verdict);
    render(<Badge view={v} />);
    const button = screen.getByRole('button');
    expect(button.textContent).toBe(`!${text}`);
    expect(button.className).toContain('pl-amber');
    // The contract stays the verdict's status; continuity is its own attribute.
    expect(button.getAttribute('data-status')).toBe(verdict.status);
    expect(button.getAttribute('data-continuity')).toBe(verdict.continuity?.kind);
    expect(button.getAttribute('aria-label')).toBeNull();
    expect(document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent).toBe(v.fullText);
    expect(v.fullText.length).toBeGreaterThan(text.length);
  });

  it('says both publishers in the accessible description', () => {
    render(<Badge view={view(changedVerdict('repositoryId', '1111', '2222'))} />);
    expect(
      screen.getByRole('button', {
        description: 'Provenance verified for widgets 1.2.0, but the publisher changed since version 1.1.0: repository id was 1111 (acme/widget), now 2222 (mallory/widget). Open details.',
      }),
    ).toBeTruthy();
  });

  it('says what was lost', () => {
    render(<Badge view={view(LOST)} />);
    expect(
      screen.getByRole('button', {
        description: 'No provenance for widgets 1.2.0: version 1.1.0 had provenance, built by acme/widget, but this version has none. Open details.',
      }),
    ).toBeTruthy();
  });

  it('keeps a failed check red and its label, adding the note to the accessible name', () => {
    const v = view(PIN_MISMATCH);
    expect(v).toMatchObject({ status: 'invalid', text: 'Provenance check failed', continuity: 'publisher-changed' });
    expect(v.amber).toBeUndefined();
    expect(v.fullText).toMatch(/\(IDENTITY_PIN\)\. Also, the publisher changed since version 1\.1\.0: .*\. Open details\.$/);
  });

  it('clips long certificate values in the label but not in the accessible name', () => {
    const long = `evil/${'x'.repeat(300)}`;
    const v = view(changedVerdict('repository', 'acme/widget', long, { ...CURRENT, repository: long }));
    expect(Array.from(v.text).length).toBeLessThan(70);
    expect(v.text.endsWith('…')).toBe(true);
    expect(v.fullText).toContain(long);
  });

  it('adds nothing when the publisher stayed the same', () => {
    const v = view(VERDICTS.verified);
    expect(v.continuity).toBeUndefined();
    expect(v.amber).toBeUndefined();
    expect(v.text).toBe('Verified · octo/widgets');
  });
});
