// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PackageVerdict } from '../core/verdict';
import { Badge } from './Badge';
import { fileBadgeView, packageBadgeView } from './badge-text';
import type { DisplayState } from './display-state';
import { VERDICTS } from './test-verdicts';

afterEach(cleanup);

const pkg = VERDICTS.verified.pkg;
const shown = (verdict: PackageVerdict): DisplayState => ({ kind: 'verdict', pkg, verdict });

describe('Badge', () => {
  const cases: [string, DisplayState, string, RegExp][] = [
    ['verified', shown(VERDICTS.verified), 'Verified · octo/widgets', /^Provenance verified for widgets 1\.2\.0: built by octo\/widgets with workflow \.github\/workflows\/release\.yml at refs\/tags\/v1\.2\.0/],
    ['partial', shown(VERDICTS.partial), '1 of 2 files verified', /^Provenance partly verified for widgets 1\.2\.0: 1 of 2 files verified, built by octo\/widgets/],
    ['none', shown(VERDICTS.none), 'No provenance', /^No provenance for widgets 1\.2\.0: the registry has no attestation/],
    ['invalid', shown(VERDICTS.invalid), 'Provenance check failed', /^Provenance check failed for widgets 1\.2\.0: .*\(SUBJECT_DIGEST\)/],
    ['unavailable', shown(VERDICTS.unavailable), "Couldn't check", /^Couldn't check provenance of widgets 1\.2\.0: .*\(FETCH_TIMEOUT\)/],
    ['loading', { kind: 'loading', pkg: { registry: 'pypi', name: 'widgets' } }, 'Checking provenance…', /^Checking provenance of widgets…$/],
    ['unavailable', { kind: 'failed', pkg, code: 'WORKER_UNREACHABLE', message: '' }, "Couldn't check", /extension did not answer/],
  ];

  it.each(cases)('renders %s named by its visible text and described by the full verdict', (status, state, text, description) => {
    render(<Badge view={packageBadgeView(state)} />);
    // The accessible name is what is on screen (WCAG 2.5.3, label in name); the sentence describes it.
    const button = screen.getByRole('button', { name: text, description });
    expect(button.textContent).toContain(text);
    expect(button.getAttribute('data-status')).toBe(status);
    expect(button.className).toContain(`pl-${status}`);
  });

  it('opens on click and on Enter (a native button), without letting a surrounding link navigate', () => {
    const onOpen = vi.fn();
    const outer = vi.fn((e: Event) => expect(e.defaultPrevented).toBe(true));
    const { container } = render(
      <a href="/project/widgets/" onClick={outer}>
        <Badge view={packageBadgeView(shown(VERDICTS.verified))} onOpen={onOpen} />
      </a>,
    );
    const button = screen.getByRole('button');
    fireEvent.click(button);
    expect(onOpen).toHaveBeenCalledWith(button);
    expect(outer).not.toHaveBeenCalled();
    expect(container.querySelector('a')).not.toBeNull();
  });

  it('offers retry only when the check could not be made', () => {
    const onRetry = vi.fn();
    render(<Badge view={packageBadgeView(shown(VERDICTS.unavailable))} onRetry={onRetry} />);
    fireEvent.click(screen.getByRole('button', { name: 'Retry the provenance check' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
    cleanup();
    render(<Badge view={packageBadgeView(shown(VERDICTS.invalid))} onRetry={onRetry} />);
    expect(screen.queryByRole('button', { name: 'Retry the provenance check' })).toBeNull();
  });

  it('labels file badges from the file verdict', () => {
    const file = VERDICTS.partial.files[1];
    if (file === undefined) throw new Error('fixture');
    render(<Badge view={fileBadgeView(file.filename, file.verdict)} compact />);
    expect(screen.getByRole('button', { name: 'No provenance', description: `No provenance for ${file.filename}.` }).textContent).toContain('No provenance');
  });
});
