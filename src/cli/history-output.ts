// What `history` prints: a table for people (one row per release, newest first, then the notes)
// or one JSON object for scripts. Certificate values and registry strings are escaped the way
// the audit escapes them (no control, bidi or zero-width character reaches the terminal), and
// long ones are clipped in the table; --json carries them whole.
import { identityLabel } from '../core/history/notes';
import type { TimelineRelease } from '../core/history/timeline-types';
import type { Timeline } from '../registries/history/build-timeline';
import { safe } from './audit/audit-output';

/** Widest identity shown in a row; the notes and --json carry the whole value. */
const IDENTITY_WIDTH = 60;

function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

function versionCell(r: TimelineRelease): string {
  const marks = [r.prerelease ? 'pre' : '', r.yanked ? 'yanked' : '', r.deprecated ? 'deprecated' : ''].filter((m) => m !== '');
  return marks.length > 0 ? `${r.version} (${marks.join(', ')})` : r.version;
}

function statusCell(r: TimelineRelease): string {
  if (r.status === 'partial') return `partial ${r.verifiedCount ?? '?'}/${r.totalCount ?? '?'}`;
  if (r.status === 'unknown') return r.notChecked === 'budget' ? 'not checked' : `unknown${r.code ? ` (${r.code})` : ''}`;
  if (r.status === 'invalid') return `invalid (${r.code ?? '?'})`;
  return r.status;
}

function identityCell(r: TimelineRelease): string {
  if (!r.identity) return '';
  const label = clip(identityLabel(r.identity), IDENTITY_WIDTH);
  return r.inconsistent ? `${label} [inconsistent]` : label;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => Array.from(row[i] ?? '').length))) ?? [];
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd((widths[i] ?? 0) + cell.length - Array.from(cell).length))).join('  ').trimEnd());
}

function coverageLine(t: Timeline): string {
  const { listed, checked, bisected } = t.coverage;
  const count = `${listed} release${listed === 1 ? '' : 's'}`;
  return bisected ? `${count}, ${checked} checked (the newest one by one, older ones bisected)` : `${count}, all checked`;
}

function currentLine(t: Timeline): string | undefined {
  const c = t.current;
  if (!c) return undefined;
  return c.kind === 'attested' ? `Published by ${identityLabel(c.identity)} since ${c.since}` : `No provenance since ${c.since}`;
}

export function historyTable(t: Timeline): string {
  const title = `${t.registry} ${t.name}`;
  if (t.unavailable) return safe(`${title}: couldn't read the release list (${t.unavailable.code}: ${t.unavailable.message})`);
  const header = ['VERSION', 'DATE', 'STATUS', 'IDENTITY'];
  const rows = t.releases.map((r) => [versionCell(r), r.publishedAt?.slice(0, 10) ?? '-', statusCell(r), identityCell(r)].map(safe));
  const lines = [`${title}: ${coverageLine(t)}`];
  const current = currentLine(t);
  if (current) lines.push(current);
  lines.push('', ...table([header, ...rows]));
  if (t.notes.length > 0) lines.push('', 'Notes:', ...t.notes.map((n) => `  - ${n}`));
  return lines.map(safe).join('\n');
}

/** The --json object: the timeline as built, with a status scripts can test first. */
export function historyJson(t: Timeline): Record<string, unknown> {
  const { unavailable, ...rest } = t;
  return unavailable ? { status: 'unavailable', code: unavailable.code, message: unavailable.message, ...rest } : { status: 'ok', ...rest };
}
