// The identity part of a Fulcio leaf, mirrored from real certificates: legacy extensions
// .1-.6 hold raw bytes, .8 onwards a DER UTF8String; GitHub certificates carry both sets,
// GitLab and e-mail certificates only the issuer from the legacy set.
import { utf8String } from './der';
import { GITHUB_ISSUER, resolveWorkflow, type IdentitySpec } from './identity';

const FULCIO_ARC = '1.3.6.1.4.1.57264.1';

export interface FulcioExtensionValue {
  oid: string;
  /** The extnValue contents. */
  value: Buffer;
}

export interface LeafIdentity {
  san: { type: 'url' | 'email'; value: string };
  extensions: FulcioExtensionValue[];
}

function raw(arc: number, value: string): FulcioExtensionValue {
  return { oid: `${FULCIO_ARC}.${arc}`, value: Buffer.from(value, 'utf8') };
}

function utf8(arc: number, value: string): FulcioExtensionValue {
  return { oid: `${FULCIO_ARC}.${arc}`, value: utf8String(value) };
}

export function leafIdentity(spec: IdentitySpec): LeafIdentity {
  if (!('repository' in spec)) {
    return {
      san: { type: 'email', value: spec.email },
      extensions: [raw(1, spec.issuer), utf8(8, spec.issuer)],
    };
  }
  const w = resolveWorkflow(spec);
  const legacy =
    spec.issuer === GITHUB_ISSUER
      ? [
          raw(1, w.issuer),
          raw(2, w.trigger),
          raw(3, w.commit),
          raw(4, w.workflowName),
          raw(5, w.repository),
          raw(6, w.ref),
        ]
      : [raw(1, w.issuer)];
  if (spec.legacyOnly) return { san: { type: 'url', value: w.buildSignerUri }, extensions: legacy };
  return {
    san: { type: 'url', value: w.buildSignerUri },
    extensions: [
      ...legacy,
      utf8(8, w.issuer),
      utf8(9, w.buildSignerUri),
      utf8(10, w.buildSignerDigest),
      utf8(11, w.runnerEnvironment),
      utf8(12, w.repositoryUrl),
      utf8(13, w.commit),
      utf8(14, w.ref),
      utf8(15, w.repositoryId),
      utf8(16, w.ownerUrl),
      utf8(17, w.ownerId),
      utf8(18, w.buildConfigUri),
      utf8(19, w.commit),
      utf8(20, w.trigger),
      utf8(21, w.runUrl),
      utf8(22, w.visibility),
    ],
  };
}
