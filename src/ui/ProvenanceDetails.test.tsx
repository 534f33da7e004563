// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PackageVerdict, SignerIdentity } from '../core/verdict';
import { ProvenanceDetails } from './ProvenanceDetails';
import { ATTESTATION, IDENTITY, VERDICTS } from './test-verdicts';

afterEach(cleanup);

const pkg = VERDICTS.verified.pkg;
const showVerdict = (verdict: PackageVerdict, onRetry?: () => void) =>
  render(<ProvenanceDetails state={{ kind: 'verdict', pkg, verdict }} onRetry={onRetry} />);

const hrefs = (root: Element) => Array.from(root.querySelectorAll('a')).map((a) => a.getAttribute('href'));

describe('ProvenanceDetails', () => {
  it('shows the certificate identity as text with links to the forge and the log', () => {
    const { container } = showVerdict(VERDICTS.verified);
    for (const text of ['octo/widgets', '.github/workflows/release.yml', 'refs/tags/v1.2.0', 'push', 'github-hosted', '148927391234']) {
      expect(container.textContent).toContain(text);
    }
    expect(container.textContent).toContain('https://docs.pypi.org/attestations/publish/v1');
    expect(hrefs(container)).toEqual(
      expect.arrayContaining([
        'https://github.com/octo/widgets',
        `https://github.com/octo/widgets/blob/${IDENTITY.commit}/.github/workflows/release.yml`,
        `https://github.com/octo/widgets/commit/${IDENTITY.commit}`,
        'https://github.com/octo/widgets/actions/runs/42/attempts/1',
        'https://search.sigstore.dev/?logIndex=148927391234',
      ]),
    );
    for (const a of container.querySelectorAll('a')) expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    expect(container.querySelector('time[datetime="2026-03-01T12:00:00.000Z"]')).not.toBeNull();
  });

  it('names a Rekor v2 entry by its log and index, without a search link that would show another entry', () => {
    const log = { logIndex: '27301', integratedTime: '2025-10-10T08:23:41.000Z', searchUrl: '', origin: 'log2025-1.rekor.sigstore.dev' };
    const v2 = { ...VERDICTS.verified, attestations: [{ ...ATTESTATION, log }] } as PackageVerdict;
    const { container } = showVerdict(v2);
    expect(container.textContent).toContain('Transparency log entry: 27301 in log2025-1.rekor.sigstore.dev, logged Fri, 10 Oct 2025 08:23:41 GMT');
    expect(hrefs(container).filter((h) => h?.includes('search.sigstore.dev'))).toEqual([]);
  });

  it('lists PyPI files with their status', () => {
    showVerdict(VERDICTS.partial);
    const rows = screen.getAllByRole('row').map((r) => r.textContent);
    expect(rows).toEqual(['FileStatus', 'widgets-1.2.0-py3-none-any.whlVerified', 'widgets-1.2.0.tar.gzNo provenance']);
  });

  it('keeps hostile identity values inert: no element and no link made from them', () => {
    const html = '<img src=x onerror=alert(1)>';
    const evil: SignerIdentity = {
      ...IDENTITY,
      repository: html,
      workflowPath: 'javascript:alert(1)',
      ref: html,
      trigger: '<script>alert(1)</script>',
      runUrl: 'javascript:alert(1)',
      repositoryUrl: 'javascript:alert(1)',
      runnerEnvironment: html,
    };
    const log = { ...ATTESTATION.log, logIndex: html, searchUrl: 'javascript:alert(1)' };
    const verdict: PackageVerdict = {
      ...VERDICTS.verified,
      identity: evil,
      attestations: [{ ...ATTESTATION, predicateType: html, signer: evil, log }],
    };
    const { container } = showVerdict(verdict);
    expect(container.querySelector('img, script, iframe')).toBeNull();
    expect(container.querySelectorAll('[onerror]')).toHaveLength(0);
    expect(hrefs(container).every((h) => h !== null && h.startsWith('https://'))).toBe(true);
    expect(hrefs(container).some((h) => h?.includes('javascript'))).toBe(false);
    // The values are still shown, as text, so the reader sees what the certificate said.
    expect(container.textContent).toContain(html);
    expect(container.textContent).toContain('javascript:alert(1)');
  });

  it("says where the registry's page disagrees, as a note beside the verdict", () => {
    const registryNote = "PyPI's page shows attestations for <b>w.whl</b>, as uploaded.";
    const { container } = showVerdict({ ...VERDICTS.invalid, registryNote });
    const note = screen.getByRole('note');
    expect(note.textContent).toBe(registryNote);
    expect(container.querySelector('b')).toBeNull();
    expect(note.previousElementSibling?.classList.contains('pl-verdict')).toBe(true);
  });

  it('explains a failed check by code and offers no retry for it', () => {
    const onRetry = vi.fn();
    const { container } = showVerdict(VERDICTS.invalid, onRetry);
    expect(container.textContent).toContain('SUBJECT_DIGEST');
    expect(container.textContent).toContain('The attestation was made for different bytes than the registry serves.');
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('explains an unavailable check and retries on request', () => {
    const onRetry = vi.fn();
    const { container } = showVerdict(VERDICTS.unavailable, onRetry);
    expect(container.textContent).toContain('FETCH_TIMEOUT');
    expect(container.textContent).toContain('The registry took too long to answer.');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('shows transport failures as "couldn\'t check", never as a failed check', () => {
    const { container } = render(
      <ProvenanceDetails state={{ kind: 'failed', pkg, code: 'WORKER_UNREACHABLE', message: '' }} onRetry={() => undefined} />,
    );
    expect(container.querySelector('[data-status]')?.getAttribute('data-status')).toBe('unavailable');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it('warns when the publisher changed since an earlier version', () => {
    const verdict: PackageVerdict = {
      ...VERDICTS.verified,
      continuity: { kind: 'publisher-changed', field: 'repository', from: 'octo/widgets', to: 'evil/widgets', previousVersion: '1.1.0', previous: IDENTITY },
    };
    showVerdict(verdict);
    expect(screen.getByRole('note').textContent).toContain('was octo/widgets, now evil/widgets');
  });
});
