// One release, one source (DESIGN 2, "Identity, whole"): the verified files of a release come
// from the same repository and workflow (or the release is invalid, see combine.ts), and also
// from one build: one builder, one ref, one commit. Files built from different refs or commits,
// or by different builders, are not a forgery (every file verified), but the release is not the
// single build its version number suggests. PyPI's backend calls such a release inconsistent.
import type { InconsistentSources, SignerIdentity } from '../core/verdict';
import { buildSignerUri, foldWorkflowUri } from '../core/workflow-uri';

type SourceField = InconsistentSources['field'];

// The order a difference is reported in: who built it first, then what was built.
const FIELDS: SourceField[] = ['builder', 'ref', 'commit'];

/**
 * `key` compares, `shown` is listed. A builder is compared with its ref (two builder versions
 * are two builds); a file the caller's own workflow built lists its Build Signer URI, so the
 * values say who signed each file. Refs and commits a certificate lacks are not compared.
 */
function sourceValue(identity: SignerIdentity, field: SourceField): { key: string; shown: string } | undefined {
  if (field === 'builder') {
    const shown = buildSignerUri(identity);
    return { key: identity.builder ? foldWorkflowUri(identity.builder.uri) : '', shown };
  }
  const value = identity[field];
  return value === undefined || value === '' ? undefined : { key: value, shown: value };
}

/** The first field in which the files' sources differ, with its distinct values in file order. */
export function inconsistentSources(identities: readonly SignerIdentity[]): InconsistentSources | undefined {
  for (const field of FIELDS) {
    const seen = new Map<string, string>();
    for (const identity of identities) {
      const value = sourceValue(identity, field);
      if (value && !seen.has(value.key)) seen.set(value.key, value.shown);
    }
    if (seen.size > 1) return { field, values: [...seen.values()] };
  }
  return undefined;
}
