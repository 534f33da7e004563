// `verify pypi`: a PEP 740 provenance object (or one attestation) against a distribution file
// named by the caller, exactly as the extension would check it against PyPI's JSON API.
import { verifyPypiProvenance, type ArtifactVerdict, type TrustContext } from '../core/index';
import type { CliCommand } from './args';
import { parseJsonText, readInputText } from './read-input';

type PypiCommand = Extract<CliCommand, { kind: 'pypi' }>;

export function runVerifyPypi(command: PypiCommand, loadTrust: () => TrustContext): ArtifactVerdict {
  const parsed = parseJsonText(readInputText(command.provenanceFile, '--provenance file'));
  const trust = loadTrust();
  // Malformed provenance is a verdict on the provenance, not a usage mistake.
  if (!parsed.ok) return { status: 'invalid', code: 'PARSE_JSON', message: `provenance is ${parsed.message}` };
  return verifyPypiProvenance(parsed.value, { filename: command.filename, sha256: command.sha256 }, trust);
}
