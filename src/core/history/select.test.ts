// Which releases get verified: all up to 200; beyond, the newest 100 and a bisection of the
// older ones that finds every change of identity and counts what it costs.
import { describe, expect, it } from 'vitest';
import type { SignerIdentity } from '../verdict';
import { ALL_RELEASES_UP_TO, classOf, nextToVerify, plannedSelection, type ReleaseClass } from './select';

const identity = (repository: string, id: string): SignerIdentity => ({
  forge: 'github',
  issuer: 'https://token.actions.githubusercontent.com',
  san: `https://github.com/${repository}/.github/workflows/release.yml@refs/heads/main`,
  repository,
  workflowPath: '.github/workflows/release.yml',
  repositoryId: id,
});
const a = classOf(identity('acme/widget', '1'));
const b = classOf(identity('mallory/widget', '2'));
const none = classOf(null);

/** A history described newest first by runs: [class, how many releases]. */
function runs(...spec: [ReleaseClass, number][]): ReleaseClass[] {
  return spec.flatMap(([c, n]) => Array.from({ length: n }, () => c));
}

/** Index pairs (newer, older) where the class changes, as the selection saw them. */
function boundariesSeen(history: ReleaseClass[], visited: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < visited.length; i++) {
    const [x, y] = [visited[i] as number, visited[i + 1] as number];
    if (history[x] !== history[y]) out.push([x, y]);
  }
  return out;
}

describe('release selection', () => {
  it('verifies every release of a history up to 200, in one batch', () => {
    expect(nextToVerify(ALL_RELEASES_UP_TO, new Map())).toHaveLength(200);
    expect(plannedSelection(200, () => a)).toHaveLength(200);
  });

  it('beyond 200, one publisher throughout costs the newest 100 and the oldest: 101 verifications', () => {
    const visited = plannedSelection(1000, () => a);
    expect(visited).toHaveLength(101);
    expect(visited.at(-1)).toBe(999);
  });

  it('finds each change among 1000 releases exactly, with a bounded number of verifications', () => {
    // newest first: a for 400 (new publisher), b for 300, none for the oldest 300
    const history = runs([a, 400], [b, 300], [none, 300]);
    const visited = plannedSelection(history.length, (i) => history[i] as ReleaseClass);
    expect(boundariesSeen(history, visited)).toEqual([
      [399, 400],
      [699, 700],
    ]);
    // 100 newest + oldest + two bisections of at most ~log2(900) = 10 steps each.
    expect(visited.length).toBeLessThanOrEqual(100 + 1 + 2 * 11);
    expect(visited.length).toBeGreaterThan(101);
  });

  it('finds a change right after the newest 100 and one right before the oldest', () => {
    const history = runs([a, 100], [b, 399], [none, 1]);
    const visited = plannedSelection(history.length, (i) => history[i] as ReleaseClass);
    expect(boundariesSeen(history, visited)).toEqual([
      [99, 100],
      [498, 499],
    ]);
  });

  it('narrows down to a release it could not check instead of assuming around it', () => {
    const history = runs([a, 300]);
    history[299] = classOf(undefined);
    const visited = plannedSelection(history.length, (i) => history[i] as ReleaseClass);
    expect(visited.slice(-2)).toEqual([298, 299]);
    expect(visited.length).toBeLessThanOrEqual(100 + 1 + 9);
  });

  it('asks for each release at most once, even when its answer is undecided', () => {
    const asked: number[] = [];
    plannedSelection(5000, (i) => {
      asked.push(i);
      return i % 7 === 0 ? classOf(undefined) : i % 2 === 0 ? a : b;
    });
    expect(new Set(asked).size).toBe(asked.length);
  });
});
