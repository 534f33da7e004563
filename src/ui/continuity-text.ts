// Words for a publisher-continuity note: the badge's one short label, and the sentence used in
// the badge's accessible name and at the top of the details.
import { FIELD_NAMES } from '../core/publisher-fields';
import type { ContinuityNote, PublisherChange, SignerIdentity } from '../core/verdict';

// Certificate values can be long (or made long on purpose): the badge sits inline in the page
// and must not stretch across it. The full value stays in the accessible name and the details.
export function clip(value: string, max = 30): string {
  const chars = Array.from(value);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : value;
}

function lastSegment(path: string): string {
  return path.split('/').pop() || path;
}

function issuerHost(issuer: string): string {
  try {
    return new URL(issuer).host || issuer;
  } catch {
    return issuer;
  }
}

// A builder value is a workflow URI without its ref. The label keeps its repository and file
// (two builders often share a file name); the sentence and the details say the whole URI.
function builderShort(uri: string): string {
  const parts = uri.replace(/^https:\/\/[^/]+\//, '').split('/');
  return parts.length > 2 ? `${parts[0]}/${parts[1]} · ${parts[parts.length - 1]}` : parts.join('/');
}

/** How a changed value is cut down for the badge label, per field (others stay whole, then clipped). */
const SHORTEN: Partial<Record<PublisherChange['field'], (value: string) => string>> = {
  workflowPath: lastSegment,
  issuer: issuerHost,
  builder: builderShort,
};

/** Ids mean little to a reader: say which repository each one belonged to, when known. */
function changeValues(note: PublisherChange, current?: SignerIdentity): { from: string; to: string } {
  if (note.field !== 'repositoryId' && note.field !== 'ownerId') return { from: note.from, to: note.to };
  const name = (id: string, who?: SignerIdentity) => (who?.repository === undefined ? id : `${id} (${who.repository})`);
  return { from: name(note.from, note.previous), to: name(note.to, current) };
}

/** The badge label: one short sentence. */
export function continuityLabel(note: ContinuityNote, current?: SignerIdentity): string {
  if (note.kind === 'provenance-lost') return `Provenance lost since ${clip(note.previousVersion, 20)}`;
  const before = note.previous.repository;
  const after = current?.repository;
  // A new id under a new name reads best as the names; the same name with a new id needs the ids.
  if ((note.field === 'repositoryId' || note.field === 'ownerId') && before !== undefined && after !== undefined && before !== after) {
    return `Publisher changed: ${clip(before)} → ${clip(after)}`;
  }
  const shorten = SHORTEN[note.field] ?? ((s: string) => s);
  // A repository or an e-mail names the publisher by itself; other fields need their name.
  const what = note.field === 'repository' || note.field === 'email' ? '' : `${FIELD_NAMES[note.field]} `;
  return `Publisher changed: ${what}${clip(shorten(note.from))} → ${clip(shorten(note.to))}`;
}

/** The whole note as a sentence fragment, e.g. "the publisher changed since version 1.0.0: ...". */
export function continuitySentence(note: ContinuityNote, current?: SignerIdentity): string {
  if (note.kind === 'provenance-lost') {
    return `version ${note.previousVersion} had provenance, built by ${note.previous.repository ?? note.previous.email ?? note.previous.san}, but this version has none`;
  }
  const { from, to } = changeValues(note, current);
  return `the publisher changed since version ${note.previousVersion}: ${FIELD_NAMES[note.field]} was ${from}, now ${to}`;
}
