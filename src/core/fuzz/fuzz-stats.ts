// The figures a fuzz run reports: mutations tried by operation and by class, verdicts by
// status, verified counts per class, throws, slowest verdict, and every violation found.
import type { ArtifactVerdict } from '../index';
import type { MutationClass } from './oracle';

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function line(map: Map<string, number>): string {
  return [...map.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k}=${n}`)
    .join(' ');
}

export class FuzzStats {
  tried = 0;
  throws = 0;
  maxMs = 0;
  elapsedMs = 0;
  readonly byOp = new Map<string, number>();
  readonly byClass = new Map<string, number>();
  readonly byStatus = new Map<string, number>();
  readonly byCode = new Map<string, number>();
  readonly verifiedByClass = new Map<string, number>();
  /** Raw-text mutations whose text no longer parsed, or swaps without a donor. */
  readonly skipped = new Map<string, number>();
  readonly violations: string[] = [];
  /** Violations grouped by class, field and problem kind, with the first example of each. */
  readonly violationKinds = new Map<string, { count: number; example: string }>();
  readonly originals: string[] = [];

  constructor(
    readonly name: string,
    readonly seed: number,
  ) {}

  noteOriginal(id: string, verdict: ArtifactVerdict): void {
    this.originals.push(`${id}: ${verdict.status}${'code' in verdict ? ` ${verdict.code}` : ''}`);
  }

  skip(op: string): void {
    bump(this.skipped, op);
  }

  thrown(op: string, klass: MutationClass, where: string, error: unknown): void {
    this.tried++;
    this.throws++;
    bump(this.byOp, op);
    bump(this.byClass, klass);
    this.addViolation(`${klass} THREW`, `${where}: THREW ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }

  private addViolation(kind: string, text: string): void {
    this.violations.push(text);
    const seen = this.violationKinds.get(kind);
    if (seen) seen.count++;
    else this.violationKinds.set(kind, { count: 1, example: text });
  }

  record(op: string, klass: MutationClass, verdict: ArtifactVerdict, ms: number, problems: string[], field: string): void {
    this.tried++;
    bump(this.byOp, op);
    bump(this.byClass, klass);
    bump(this.byStatus, verdict.status);
    if ('code' in verdict) bump(this.byCode, verdict.code);
    if (verdict.status === 'verified') bump(this.verifiedByClass, klass);
    this.maxMs = Math.max(this.maxMs, ms);
    for (const problem of problems) this.addViolation(`${klass} ${field}: ${problem.replace(/:.*$/s, '')}`, problem);
  }

  /** Verified verdicts on mutations that changed signed bytes, the binding or the format. */
  get forbiddenVerified(): number {
    return ['signed', 'binding', 'malformed'].reduce((n, k) => n + (this.verifiedByClass.get(k) ?? 0), 0);
  }

  summary(): string {
    return [
      `[fuzz] ${this.name}: seed ${this.seed}, ${this.tried} mutations in ${(this.elapsedMs / 1000).toFixed(1)} s, slowest verdict ${this.maxMs.toFixed(0)} ms`,
      `  seed documents: ${this.originals.join('; ')}`,
      `  by operation: ${line(this.byOp)}`,
      `  by class: ${line(this.byClass)}`,
      `  by status: ${line(this.byStatus)}`,
      `  by code: ${line(this.byCode)}`,
      `  verified by class: ${line(this.verifiedByClass) || '(none)'}; forbidden verified: ${this.forbiddenVerified}; throws: ${this.throws}`,
      `  skipped (raw text no longer JSON / no donor): ${line(this.skipped) || '(none)'}`,
      `  violations: ${this.violations.length} in ${this.violationKinds.size} kinds`,
      ...[...this.violationKinds.entries()].map(([kind, v]) => `    - ${v.count} x ${kind}\n      e.g. ${v.example.slice(0, 700)}`),
    ].join('\n');
  }
}
