// Short badge labels and the full sentence used as the badge's accessible name, and the words
// for the parts of an identity beyond its repository: the builder workflow that did the build,
// and the source each file of an inconsistent release was signed from.
import type { ArtifactVerdict, BuilderIdentity, ContinuityNote, InconsistentSources, PackageVerdict, SignerIdentity, VerdictStatus } from '../core/verdict';
import { codeText } from '../shared/code-text';
import { continuityLabel, continuitySentence } from './continuity-text';
import { type DisplayState, packageTitle, resolvedPkg, statusOf } from './display-state';

export interface BadgeView {
  status: VerdictStatus;
  /** What the badge shows. */
  text: string;
  /** The whole verdict as one sentence, for screen readers and the tooltip. */
  fullText: string;
  /** Set when the verdict carries a publisher-continuity note. */
  continuity?: ContinuityNote['kind'];
  /** Shown amber (a warning) rather than in the status's own colour. */
  amber?: boolean;
  /** Set when the release's files were signed from different sources. */
  consistency?: 'inconsistent';
}

/** Who signed, as briefly as it can be said: repository, else e-mail, else the certificate SAN. */
/**
 * A label as shown: a real repository name fits (GitHub allows 39 + 1 + 100 characters), while a
 * hostile certificate's 1,500-character "repository" would make a badge dozens of lines tall.
 * The whole value stays in the description and the details.
 */
export const LABEL_MAX = 100;
export function shownLabel(text: string): string {
  const chars = Array.from(text);
  return chars.length <= LABEL_MAX ? text : `${chars.slice(0, LABEL_MAX - 1).join('')}…`;
}

export function signerName(identity: SignerIdentity): string {
  return identity.repository ?? identity.email ?? identity.san;
}

function signerSentence(identity: SignerIdentity): string {
  const parts = [`built by ${signerName(identity)}`];
  if (identity.workflowPath !== undefined) parts.push(`with workflow ${identity.workflowPath}`);
  if (identity.ref !== undefined) parts.push(`at ${identity.ref}`);
  if (identity.builder !== undefined) parts.push(`with the build run by ${builderLabel(identity.builder)}`);
  return parts.join(' ');
}

/** `org/shared · .github/workflows/release.yml @ refs/tags/v1`; the URI when it names no repository. */
export function builderLabel(builder: BuilderIdentity): string {
  const { repository, workflowPath, ref } = builder;
  if (repository === undefined) return builder.uri;
  const where = workflowPath === undefined ? repository : `${repository} · ${workflowPath}`;
  return ref === undefined ? where : `${where} @ ${ref}`;
}

/** Said where a build had no builder of its own: the source repository's workflow built it. */
export const OWN_WORKFLOW = "the repository's own workflow";


/** What one file's certificate says for the field the files disagree on. */
export function sourceValue(identity: SignerIdentity, field: InconsistentSources['field']): string {
  if (field === 'builder') return identity.builder === undefined ? OWN_WORKFLOW : builderLabel(identity.builder);
  return identity[field] ?? 'not stated';
}

/** The sentence fragment for the badge's accessible name, or '' for a consistent release. */
function inconsistentSentence(v: PackageVerdict): string {
  if ((v.status !== 'verified' && v.status !== 'partial') || v.inconsistent === undefined) return '';
  const { field, values } = v.inconsistent;
  // 'refs', 'commits', 'builders': each field's plural is regular.
  return `its files were signed from different ${field}s: ${values.join(', ')}`;
}

/**
 * The verified identity the version on screen was signed by. A verdict made invalid by a pin
 * has none of its own, but its files' verified certificates still say who signed them.
 */
export function currentIdentity(v: PackageVerdict): SignerIdentity | undefined {
  if (v.status === 'verified' || v.status === 'partial') return v.identity;
  for (const file of v.files) if (file.verdict.status === 'verified' && file.verdict.identity) return file.verdict.identity;
  return undefined;
}

// A continuity note or an inconsistent release outranks the plain label of a good or neutral
// verdict (amber, its own short label); a failed or unchecked verdict keeps its label and colour,
// and gains the sentence. A publisher change is the label when both apply; the sentence says both.
function withNotes(view: BadgeView, v: PackageVerdict, title: string): BadgeView {
  const note = v.continuity;
  const inconsistent = inconsistentSentence(v);
  const sentence = [note && continuitySentence(note, currentIdentity(v)), inconsistent].filter(Boolean).join('. Also, ');
  if (sentence === '') return view;
  const marks: Partial<BadgeView> = { continuity: note?.kind, consistency: inconsistent === '' ? undefined : 'inconsistent' };
  if (v.status === 'invalid' || v.status === 'unavailable') {
    // A replacer function: `$&` or `$'` in a signed workflow path must not act as a pattern.
    return { ...view, ...marks, fullText: view.fullText.replace(/ Open details/, () => ` Also, ${sentence}. Open details`) };
  }
  let lead = `Provenance verified for ${title}, but`;
  if (v.status === 'none') lead = `No provenance for ${title}:`;
  if (v.status === 'partial') lead = `Provenance partly verified for ${title} (${v.verifiedCount} of ${v.totalCount} files), but`;
  const text = note ? continuityLabel(note, currentIdentity(v)) : 'Inconsistent provenance';
  return { ...view, ...marks, text, fullText: `${lead} ${sentence}. Open details.`, amber: true };
}

export function packageBadgeView(state: DisplayState): BadgeView {
  const view = plainBadgeView(state);
  return state.kind === 'verdict' ? withNotes(view, state.verdict, packageTitle(resolvedPkg(state))) : view;
}

function plainBadgeView(state: DisplayState): BadgeView {
  const title = packageTitle(resolvedPkg(state));
  const status = statusOf(state);
  if (state.kind === 'loading') {
    return { status, text: 'Checking provenance…', fullText: `Checking provenance of ${title}…` };
  }
  if (state.kind === 'failed') {
    return {
      status,
      text: "Couldn't check",
      fullText: `Couldn't check provenance of ${title}: ${codeText(state.code)} Open details to retry.`,
    };
  }
  const v = state.verdict;
  switch (v.status) {
    case 'verified':
      return {
        status,
        text: `Verified · ${signerName(v.identity)}`,
        fullText: `Provenance verified for ${title}: ${signerSentence(v.identity)}. Open details.`,
      };
    case 'partial':
      return {
        status,
        text: `${v.verifiedCount} of ${v.totalCount} files verified`,
        fullText:
          `Provenance partly verified for ${title}: ${v.verifiedCount} of ${v.totalCount} files verified, ` +
          `${signerSentence(v.identity)}; the other files have no provenance. Open details.`,
      };
    case 'none': {
      // npm's registry key vouches for the upload, not for who built it: still no provenance.
      const why = v.registrySigned === undefined ? 'the registry has no attestation for this version' : "npm's registry signed this upload, but nothing says who built it";
      return { status, text: 'No provenance', fullText: `No provenance for ${title}: ${why}. Open details.` };
    }
    case 'invalid':
      return {
        status,
        text: 'Provenance check failed',
        fullText: `Provenance check failed for ${title}: ${codeText(v.code)} (${v.code}). Open details.`,
      };
    case 'unavailable':
      return {
        status,
        text: "Couldn't check",
        fullText: `Couldn't check provenance of ${title}: ${codeText(v.code)} (${v.code}). Open details to retry.`,
      };
  }
}

/** A file's badge on the PyPI files tab; `null` while the package verdict is loading. */
export function fileBadgeView(filename: string, verdict: ArtifactVerdict | null): BadgeView {
  if (verdict === null) {
    return { status: 'loading', text: 'Checking…', fullText: `Checking provenance of ${filename}…` };
  }
  switch (verdict.status) {
    case 'verified': {
      const who = verdict.identity === undefined ? '' : `: built by ${signerName(verdict.identity)}`;
      return { status: 'verified', text: 'Verified', fullText: `Provenance verified for ${filename}${who}.` };
    }
    case 'none':
      return { status: 'none', text: 'No provenance', fullText: `No provenance for ${filename}.` };
    case 'invalid':
      return {
        status: 'invalid',
        text: 'Check failed',
        fullText: `Provenance check failed for ${filename}: ${codeText(verdict.code)} (${verdict.code}).`,
      };
    case 'unavailable':
      return {
        status: 'unavailable',
        text: "Couldn't check",
        fullText: `Couldn't check provenance of ${filename}: ${codeText(verdict.code)} (${verdict.code}).`,
      };
  }
}

/** Text for a file's status inside the details table. */
export function fileStatusText(verdict: ArtifactVerdict): string {
  return fileBadgeView('', verdict).text;
}
