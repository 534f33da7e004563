// Which releases of a history to verify (issue 17.1): all of them up to 200; beyond that the
// newest 100, the oldest, and, bisecting the older ones, every release where the verified
// identity changes. A range whose two ends agree is taken as unchanged inside and costs nothing
// more; a range whose ends differ has its midpoint verified, until the change sits between two
// neighbours. Pure and step-wise: the caller verifies each batch (in parallel) and asks again.
import type { SignerIdentity } from '../verdict';
import { samePublisher } from '../continuity';

/** Histories up to this many releases are verified whole. */
export const ALL_RELEASES_UP_TO = 200;
/** Beyond that, the newest this many are verified one by one. */
export const NEWEST_ONE_BY_ONE = 100;

/**
 * What bisection compares. `undecided` (couldn't check, or a failed check) never agrees with
 * anything, so the search narrows down to it rather than assume what lies around it.
 */
export type ReleaseClass = { kind: 'attested'; identity: SignerIdentity } | { kind: 'none' } | { kind: 'undecided' };

export function classOf(identity: SignerIdentity | null | undefined): ReleaseClass {
  if (identity === undefined) return { kind: 'undecided' };
  return identity === null ? { kind: 'none' } : { kind: 'attested', identity };
}

function agree(a: ReleaseClass, b: ReleaseClass): boolean {
  if (a.kind === 'attested' && b.kind === 'attested') return samePublisher(a.identity, b.identity);
  return a.kind === 'none' && b.kind === 'none';
}

/**
 * The indices (0 = newest) to verify next, given the classes of those verified so far;
 * empty when the selection is complete. Every index is asked for at most once.
 */
export function nextToVerify(count: number, known: ReadonlyMap<number, ReleaseClass>): number[] {
  const wanted = new Set<number>();
  const need = (index: number) => {
    if (!known.has(index)) wanted.add(index);
  };
  const whole = count <= ALL_RELEASES_UP_TO ? count : NEWEST_ONE_BY_ONE;
  for (let i = 0; i < whole; i++) need(i);
  if (whole === count) return [...wanted];
  // The older range starts at the oldest release verified one by one, so a change between it
  // and the next older release is found like any other.
  const ranges: [number, number][] = [[NEWEST_ONE_BY_ONE - 1, count - 1]];
  while (ranges.length > 0) {
    const [lo, hi] = ranges.pop() as [number, number];
    const a = known.get(lo);
    const b = known.get(hi);
    if (!a || !b) {
      need(lo);
      need(hi);
      continue;
    }
    if (hi - lo <= 1 || agree(a, b)) continue;
    const mid = (lo + hi) >> 1;
    if (!known.has(mid)) {
      need(mid);
      continue;
    }
    ranges.push([lo, mid], [mid, hi]);
  }
  return [...wanted].sort((x, y) => x - y);
}

/** Every index a selection visits, when `classify` answers for each: what a history costs. */
export function plannedSelection(count: number, classify: (index: number) => ReleaseClass): number[] {
  const known = new Map<number, ReleaseClass>();
  for (let batch = nextToVerify(count, known); batch.length > 0; batch = nextToVerify(count, known)) {
    for (const index of batch) known.set(index, classify(index));
  }
  return [...known.keys()].sort((x, y) => x - y);
}
