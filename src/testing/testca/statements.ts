// in-toto statements as PyPI and npm publish them, and DSSE signing over their bytes.
import type { ResolvedWorkflow } from './identity';
import type { TestKey } from './keys';
import type { SignedEnvelope } from './rekor';

export const INTOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
export const PYPI_PUBLISH_V1 = 'https://docs.pypi.org/attestations/publish/v1';
export const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';
export const NPM_PUBLISH_V01 = 'https://github.com/npm/attestation/tree/main/specs/publish/v0.1';
const STATEMENT_V1 = 'https://in-toto.io/Statement/v1';
const STATEMENT_V01 = 'https://in-toto.io/Statement/v0.1';

/** An in-toto statement whose predicate tests may still edit before it is signed. */
export interface InTotoStatement {
  _type: string;
  subject: object[];
  predicateType: string;
  predicate: Record<string, unknown>;
}

export function pypiStatement(filename: string, sha256: string, predicateType: string, predicate: unknown): object {
  return { _type: STATEMENT_V1, subject: [{ name: filename, digest: { sha256 } }], predicateType, predicate };
}

/** `pkg:npm/<name>@<version>` with a scope's `@` percent-encoded, as npm writes it. */
export function npmPurl(name: string, version: string): string {
  return `pkg:npm/${name.replace(/^@/, '%40')}@${version}`;
}

export function integrityToSha512Hex(integrity: string): string {
  if (!integrity.startsWith('sha512-')) throw new Error(`not a sha512 SRI: ${integrity}`);
  return Buffer.from(integrity.slice('sha512-'.length), 'base64').toString('hex');
}

export function npmSubject(name: string, version: string, integrity: string): object[] {
  return [{ name: npmPurl(name, version), digest: { sha512: integrityToSha512Hex(integrity) } }];
}

export function npmPublishStatement(name: string, version: string, integrity: string): object {
  return {
    _type: STATEMENT_V01,
    subject: npmSubject(name, version, integrity),
    predicateType: NPM_PUBLISH_V01,
    predicate: { name, version, registry: 'https://registry.npmjs.org' },
  };
}

/** The GitHub Actions SLSA v1 predicate npm and PyPI's SLSA attestations carry. */
export function slsaV1Predicate(w: ResolvedWorkflow): Record<string, unknown> {
  return {
    buildDefinition: {
      buildType: 'https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1',
      externalParameters: { workflow: { ref: w.ref, repository: w.repositoryUrl, path: w.workflowPath } },
      internalParameters: {
        github: { event_name: w.trigger, repository_id: w.repositoryId, repository_owner_id: w.ownerId },
      },
      resolvedDependencies: [{ uri: `git+${w.repositoryUrl}@${w.ref}`, digest: { gitCommit: w.commit } }],
    },
    runDetails: {
      builder: { id: `https://github.com/actions/runner/${w.runnerEnvironment}` },
      metadata: { invocationId: w.runUrl },
    },
  };
}

export function npmSlsaV1Statement(name: string, version: string, integrity: string, w: ResolvedWorkflow): InTotoStatement {
  return {
    _type: STATEMENT_V1,
    subject: npmSubject(name, version, integrity),
    predicateType: SLSA_PROVENANCE_V1,
    predicate: slsaV1Predicate(w),
  };
}

/** DSSE pre-authentication encoding: what the envelope signature actually covers. */
export function preAuthEncoding(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([
    Buffer.from(`DSSEv1 ${type.length} `, 'ascii'),
    type,
    Buffer.from(` ${payload.length} `, 'ascii'),
    payload,
  ]);
}

export function signStatement(key: TestKey, statement: object, keyid = ''): SignedEnvelope {
  const payload = Buffer.from(JSON.stringify(statement), 'utf8');
  const signature = key.sign(preAuthEncoding(INTOTO_PAYLOAD_TYPE, payload));
  return { payload, payloadType: INTOTO_PAYLOAD_TYPE, signature, keyid };
}
