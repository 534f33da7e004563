// @vitest-environment happy-dom
// The claim of a failed attestation shows as plain text under a heading that says "unverified",
// and nothing in it is a link: every value was chosen by whoever wrote the failed attestation.
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClaimedIdentity as Claim } from '../core/verdict';
import { CLAIMED_CAUTION, CLAIMED_TITLE, ClaimedIdentity } from './ClaimedIdentity';

afterEach(cleanup);

// The values the tampered supreme-goggles attestation claims (src/core/claimed-identity.test.ts).
const SUPREME_GOGGLES: Claim = {
  repository: 'https://github.com/trishankatdatadog/supreme-goggles',
  workflow: '.github/workflows/npm-publish.yml',
  ref: 'refs/tags/v1.0.5',
  commit: '38ebf99444e033b2f1550c9aaaeacd62d02a12ba',
  issuer: 'https://token.actions.githubusercontent.com',
  san: 'https://github.com/trishankatdatadog/supreme-goggles/.github/workflows/npm-publish.yml@refs/tags/v1.0.5',
};

const rows = (root: Element) =>
  Array.from(root.querySelectorAll('dt')).map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]);

describe('ClaimedIdentity', () => {
  it('lists what the attestation claims as text, says it is unverified, and links nothing', () => {
    const { container } = render(<ClaimedIdentity claim={SUPREME_GOGGLES} />);
    const section = screen.getByRole('region', { name: CLAIMED_TITLE });
    expect(section.querySelector('h3')?.textContent).toBe('What it claims (unverified)');
    expect(rows(section)).toEqual([
      ['Repository', SUPREME_GOGGLES.repository],
      ['Workflow', SUPREME_GOGGLES.workflow],
      ['Ref', SUPREME_GOGGLES.ref],
      ['Commit', SUPREME_GOGGLES.commit],
      ['Issuer', SUPREME_GOGGLES.issuer],
    ]);
    expect(screen.getByText(CLAIMED_CAUTION).className).toBe('pl-warning');
    expect(CLAIMED_CAUTION).toBe('None of this is verified: compare it with the repository before trusting anything.');
    expect(container.querySelectorAll('a, [href]')).toHaveLength(0);
  });

  it('keeps attacker-chosen URLs as text, whole in the title, and shows the signer only when it is all there is', () => {
    const evil = 'https://github.com.evil.example/acme/widget';
    const { container } = render(<ClaimedIdentity claim={{ repository: evil, workflow: 'javascript:alert(1)' }} />);
    expect(container.querySelectorAll('a, [href]')).toHaveLength(0);
    expect(container.querySelector(`[title="${evil}"]`)?.textContent).toBe(evil);
    cleanup();
    const signerOnly = render(<ClaimedIdentity claim={{ san: 'ci@attacker.iam.gserviceaccount.com', issuer: 'https://accounts.google.com' }} />);
    expect(rows(signerOnly.container)).toEqual([
      ['Issuer', 'https://accounts.google.com'],
      ['Signer', 'ci@attacker.iam.gserviceaccount.com'],
    ]);
  });
});
