// Drives one fuzz suite: fast-check draws (seed document, operation, PRNG seed) from a fixed
// seed, the operation is applied to a copy, the core is called, the oracle judges the verdict.
// Violations are collected rather than thrown at the first one, so a run reports every kind of
// failure it met, each with the exact replayable description of its input.
import fc from 'fast-check';
import type { ArtifactVerdict } from '../index';
import { applyBytes, applyRaw, BYTE_OPS, RAW_OPS, type ByteOp, type RawOp } from './byte-mutators';
import { getAt, Rng, setAt, type JsonPath } from './json-tree';
import { classify, expectationProblems, shapeProblems, type MutationClass } from './oracle';
import { FuzzStats } from './fuzz-stats';
import type { SignedView } from './signed-view';
import { applyStructural, STRUCTURAL_OPS, type StructuralOp } from './structural-mutators';

export interface FuzzSeed {
  id: string;
  doc: unknown;
  /** What the document is checked against (file, npm version, artifact + policy). */
  binding: unknown;
  /** Seeds sharing a group bind the same artifact; swaps only cross groups. */
  group: string;
  verify(doc: unknown, binding: unknown): ArtifactVerdict;
  view(doc: unknown): SignedView;
  /** Where the signed units sit; a root path means the document is one unit. */
  unitPaths(doc: unknown): JsonPath[];
}

const SWAP_OPS = ['swap-binding', 'swap-attestation'] as const;
// Byte operations are listed twice: they are the ones that reach the cryptography.
export const FUZZ_OPS = [...STRUCTURAL_OPS, ...BYTE_OPS, ...BYTE_OPS, ...RAW_OPS, ...SWAP_OPS] as const;
type Op = (typeof FUZZ_OPS)[number];

export const TIME_LIMIT_MS = 2000;

interface Prepared {
  seed: FuzzSeed;
  original: ArtifactVerdict;
  view: SignedView;
}

function mutate(p: Prepared, all: Prepared[], op: Op, rng: Rng): { doc: unknown; binding: unknown; label: string; forced?: MutationClass } | undefined {
  const doc = structuredClone(p.seed.doc);
  if ((STRUCTURAL_OPS as readonly string[]).includes(op)) return { doc, binding: p.seed.binding, label: applyStructural(doc, op as StructuralOp, rng) };
  if ((BYTE_OPS as readonly string[]).includes(op)) return { doc, binding: p.seed.binding, label: applyBytes(doc, op as ByteOp, rng) };
  if ((RAW_OPS as readonly string[]).includes(op)) {
    const raw = applyRaw(doc, op as RawOp, rng);
    return raw && { doc: raw.doc, binding: p.seed.binding, label: raw.label };
  }
  const donors = all.filter((d) => d.seed.group !== p.seed.group);
  if (donors.length === 0) return undefined;
  const donor = rng.pick(donors).seed;
  if (op === 'swap-binding') return { doc, binding: donor.binding, label: `checked against the binding of ${donor.id}`, forced: 'binding' };
  const donorPath = rng.pick(donor.unitPaths(donor.doc));
  const unit = structuredClone(getAt(donor.doc, donorPath));
  const target = rng.pick(p.seed.unitPaths(doc));
  if (target.length === 0) return { doc: unit, binding: p.seed.binding, label: `document replaced by ${donor.id} unit ${donorPath.join('.')}` };
  const parent = getAt(doc, target.slice(0, -1));
  const append = Array.isArray(parent) && rng.int(2) === 0;
  if (append) parent.push(unit);
  else setAt(doc, target, unit);
  return { doc, binding: p.seed.binding, label: `${append ? 'append' : 'replace ' + target.join('.')} with ${donor.id} unit ${donorPath.join('.')}` };
}

/** The last field name a mutation label mentions, to group violations by where they happen. */
function fieldOf(label: string): string {
  const paths = label.match(/(\.[\w]+(\[\d+\])*)+/g) ?? [];
  const last = paths[paths.length - 1] ?? '';
  return last.replace(/\[\d+\]/g, '[]').split('.').pop() || '(document)';
}

export function runFuzz(name: string, seeds: FuzzSeed[], options: { seed: number; numRuns: number }): FuzzStats {
  const stats = new FuzzStats(name, options.seed);
  const prepared: Prepared[] = seeds.map((seed) => ({ seed, original: seed.verify(seed.doc, seed.binding), view: seed.view(seed.doc) }));
  for (const p of prepared) stats.noteOriginal(p.seed.id, p.original);
  const started = performance.now();
  fc.assert(
    fc.property(fc.nat(prepared.length - 1), fc.constantFrom(...FUZZ_OPS), fc.noBias(fc.nat()), (index, op, rngSeed) => {
      const p = prepared[index];
      if (!p) throw new Error(`no seed ${index}`);
      const m = mutate(p, prepared, op, new Rng(rngSeed));
      if (!m) return stats.skip(op);
      const where = `${p.seed.id} | ${op} #${rngSeed} | ${m.label}`;
      const klass = m.forced ?? classify(p.view, p.seed.view, m.doc);
      const t0 = performance.now();
      let verdict: ArtifactVerdict;
      try {
        verdict = p.seed.verify(m.doc, m.binding);
      } catch (error) {
        return stats.thrown(op, klass, where, error);
      }
      const ms = performance.now() - t0;
      const problems = [...shapeProblems(verdict), ...expectationProblems(klass, verdict, p.original)];
      if (ms > TIME_LIMIT_MS) problems.push(`took ${ms.toFixed(0)} ms`);
      stats.record(op, klass, verdict, ms, problems.map((problem) => `${problem}: ${where}`), fieldOf(m.label));
    }),
    { seed: options.seed, numRuns: options.numRuns, endOnFailure: true },
  );
  stats.elapsedMs = performance.now() - started;
  return stats;
}
