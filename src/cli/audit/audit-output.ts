// What `audit` prints: a table for people (failures, then changes, then what could not be
// checked, then one summary line), one JSON object for scripts (DESIGN 4's contract), or SARIF.
// Everything shown came from a lockfile or a registry: control, bidi and zero-width
// characters are escaped so that no field can rewrite the terminal or pose as another.
import { isAbsolute, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SignerIdentity } from '../../core/verdict';
import type { OtherSource } from './locked-package';
import type { Judged, Requirement } from './audit-policy';

export interface AuditReport {
  lockfile: string;
  format: string;
  require: Requirement;
  packages: Judged[];
  other: (OtherSource & { failure?: string })[];
  passed: boolean;
}

const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

export function safe(text: string): string {
  return text.replace(HIDDEN, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
}

export function whoText(identity: SignerIdentity | undefined): string {
  if (!identity) return '';
  const who = identity.repository ?? identity.email ?? identity.san;
  return identity.workflowPath ? `${who} (${identity.workflowPath})` : who;
}

function changeText(p: Judged): string {
  const c = p.continuity;
  if (!c) return '';
  if (c.kind === 'provenance-lost') return `provenance lost since ${c.previousVersion} (${whoText(c.previous)})`;
  return `publisher changed since ${c.previousVersion}: ${c.field} ${c.from} → ${c.to}`;
}

function row(p: Judged, detail: string): string {
  return `  ${p.status.padEnd(11)} ${`${p.registry}:${p.name}@${p.version}`.padEnd(40)} ${safe(detail)}`;
}

export function summaryCounts(report: AuditReport): Record<string, number> {
  const counts: Record<string, number> = { verified: 0, partial: 0, none: 0, invalid: 0, unavailable: 0 };
  for (const p of report.packages) counts[p.status] = (counts[p.status] ?? 0) + 1;
  return counts;
}

export function humanReport(report: AuditReport): string {
  const lines: string[] = [];
  const failed = report.packages.filter((p) => p.failure !== undefined);
  const changed = report.packages.filter((p) => p.failure === undefined && p.continuity !== undefined);
  const unchecked = report.packages.filter((p) => p.failure === undefined && p.status === 'unavailable');
  const otherFailed = report.other.filter((o) => o.failure !== undefined);
  if (failed.length + otherFailed.length > 0) {
    lines.push('FAILED');
    for (const p of failed) {
      const detail = p.message ?? whoText(p.identity);
      lines.push(row(p, `${p.failure}${p.code ? ` [${p.code}]` : ''}${detail ? `: ${detail}` : ''}`));
    }
    for (const o of otherFailed) lines.push(`  ${'-'.padEnd(11)} ${safe(`${o.registry}:${o.name}`).padEnd(40)} ${safe(o.failure ?? '')}`);
  }
  if (changed.length > 0) {
    lines.push('CHANGED');
    for (const p of changed) lines.push(row(p, changeText(p)));
  }
  if (unchecked.length > 0) {
    lines.push("COULDN'T CHECK");
    for (const p of unchecked) lines.push(row(p, `[${p.code ?? ''}] ${p.message ?? ''}`));
  }
  const counts = summaryCounts(report);
  const unbound = report.packages.filter((p) => !p.bound && p.status !== 'unavailable').length;
  lines.push(
    `${safe(report.lockfile)} (${report.format}): ${report.packages.length} packages checked: ` +
      `${counts.verified} verified, ${counts.partial} partial, ${counts.none} no provenance, ${counts.invalid} invalid, ${counts.unavailable} couldn't check; ` +
      `${report.other.length} not from the registry` +
      (unbound > 0 ? `; ${unbound} without a lockfile digest to bind` : '') +
      ` · policy ${report.passed ? 'passed' : 'FAILED'}${report.require === 'any' ? '' : ` (--require ${report.require})`}`,
  );
  return lines.join('\n');
}

export function jsonReport(report: AuditReport): object {
  return {
    lockfile: report.lockfile,
    format: report.format,
    policy: { require: report.require, passed: report.passed },
    summary: { ...summaryCounts(report), notFromRegistry: report.other.length },
    packages: report.packages.map((p) => ({
      registry: p.registry,
      name: p.name,
      version: p.version,
      status: p.status,
      ...(p.code ? { code: p.code, message: p.message } : {}),
      ...(p.identity ? { identity: p.identity } : {}),
      ...(p.continuity ? { continuity: p.continuity } : {}),
      ...(p.verifiedCount !== undefined ? { verifiedCount: p.verifiedCount, totalCount: p.totalCount } : {}),
      bound: p.bound,
      pinned: p.pinned,
      ...(p.failure ? { failure: p.failure } : {}),
    })),
    notFromRegistry: report.other,
  };
}

// SARIF 2.1.0 for code-scanning uploads: one result per failing package (error) and per
// publisher change or lost provenance (warning), located at the lockfile (and line, where the
// parser knew it). Rule ids are the verdict's error codes, so alerts group by what failed.
const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

interface SarifResult {
  ruleId: string;
  level: 'error' | 'warning';
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[];
}

/**
 * artifactLocation.uri must be a URI reference (RFC 3986), not a path: a raw space is invalid,
 * `#` would start a fragment and `%20` would name another file. An absolute path becomes a
 * file: URL; a relative one (no uriBaseId, as before: relative to where the audit ran) keeps
 * `/` separators with each segment percent-encoded, `:` too, so `c:x` cannot read as a scheme.
 */
export function sarifUri(lockfile: string): string {
  if (isAbsolute(lockfile)) return pathToFileURL(lockfile).href;
  return lockfile
    .split(sep === '\\' ? /[\\/]/ : '/') // a backslash separates only on Windows
    .map((segment) => encodeURIComponent(segment).replace(/:/g, '%3A'))
    .join('/');
}

export function sarifReport(report: AuditReport): object {
  const uri = sarifUri(report.lockfile);
  const location = (line?: number) => [{ physicalLocation: { artifactLocation: { uri }, ...(line !== undefined ? { region: { startLine: line } } : {}) } }];
  const results: SarifResult[] = [];
  for (const p of report.packages) {
    const id = `${p.registry}:${p.name}@${p.version}`;
    if (p.failure !== undefined) {
      const text = `${id}: ${p.failure}${p.message ? `: ${p.message}` : ''}`;
      results.push({ ruleId: p.code ?? 'POLICY_REQUIRE', level: 'error', message: { text: safe(text) }, locations: location(p.line) });
    } else if (p.continuity) {
      const c = p.continuity;
      const text = `${id}: ${changeText(p)}`;
      results.push({ ruleId: c.kind === 'provenance-lost' ? 'CONTINUITY_PROVENANCE_LOST' : 'CONTINUITY_PUBLISHER_CHANGED', level: 'warning', message: { text: safe(text) }, locations: location(p.line) });
    }
  }
  for (const o of report.other) {
    if (o.failure !== undefined) results.push({ ruleId: 'POLICY_REQUIRE', level: 'error', message: { text: safe(`${o.registry}:${o.name}: ${o.failure}`) }, locations: location(o.line) });
  }
  const rules = [...new Set(results.map((r) => r.ruleId))].map((id) => ({ id, shortDescription: { text: id } }));
  return {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'provenance-lens', rules } }, results }],
  };
}
