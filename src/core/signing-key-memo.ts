// The files of one PyPI release are signed with one certificate (pypa/gh-action-pypi-publish
// signs them all in one sigstore-python session, each with its own log entry), so
// @sigstore/verify builds and checks the same certificate path, and verifies the same embedded
// SCTs, once per file. This remembers the parts of that work that depend on nothing but the
// certificate and the trust material, and redoes everything that depends on the entry:
//
//  - The path from a leaf to a trusted root (CertificateChainVerifier's `sort`, and `checkPath`
//    over that path) is a function of the leaf and the CA's certificates alone: issuers are
//    found by key identifier, name and signature. Remembered per CA certificate list (an object
//    of one trust material) and per leaf object. The leaf is the object x509-parse-memo.ts
//    hands out for those exact DER bytes, and parsed certificates are never changed (the SCT
//    check changes a clone). The time checks (which CAs are valid at the entry's timestamp,
//    every certificate of the path valid at it) are not remembered: they run for every entry.
//  - The SCT check and the signer read from the leaf (Verifier's `verifySigningKey`) depend on
//    the leaf, its issuer and the trust material's CT logs. Remembered per trust material, per
//    leaf object and per CT threshold, and used only when this entry's own chain check (which
//    runs first, with its timestamps) ends at the same issuer object.
// Both rest on signature checks: verify-ahead.ts's optimistic pass keeps them only once WebCrypto
// confirmed every answer it gave (confirmed-memo.ts). A failed SCT check is not remembered: the
// library's code runs again and throws its own error.
import type { X509Certificate } from '@sigstore/core';
import { Verifier, type Signer } from '@sigstore/verify';
import { CertificateChainVerifier, verifyCertificateChain } from '@sigstore/verify/dist/key/certificate';
import { ConfirmedMemo } from './crypto/confirmed-memo';

type TrustMaterial = ConstructorParameters<typeof Verifier>[0];
type SigningKey = { $case: 'certificate'; certificate: X509Certificate } | { $case: 'public-key'; hint: string };

interface ChainInternals {
  untrustedCert: X509Certificate;
  trustedCerts: X509Certificate[];
  sort(): X509Certificate[];
  checkPath(path: X509Certificate[]): void;
}

interface VerifierInternals {
  trustMaterial: TrustMaterial;
  options: { ctlogThreshold: number };
  verifySigningKey(entity: { key: SigningKey }, timestamps: Date[]): Signer;
}

interface KnownPath {
  path: readonly X509Certificate[];
  checked: boolean;
}

const PATCHED = Symbol.for('provenance-lens.signing-key-memo');
const paths = new ConfirmedMemo<X509Certificate[], X509Certificate, KnownPath | { error: unknown }>();
/** Arrays `sort` handed out from the memo, so `checkPath` knows which entry they came from. */
const handedOut = new WeakMap<X509Certificate[], KnownPath>();
const signers = new ConfirmedMemo<TrustMaterial, X509Certificate, { threshold: number; issuer: X509Certificate; signer: Signer }>();

function patchChain(proto: ChainInternals): void {
  const sort = proto.sort;
  const checkPath = proto.checkPath;
  proto.sort = function memoisedSort(this: ChainInternals): X509Certificate[] {
    const leaf = this.untrustedCert;
    const known = paths.get(this.trustedCerts, leaf);
    // A CA that is not the leaf's fails the same way every time (a path of a trusted root that
    // is valid at the time but issued another certificate): its error is thrown again.
    if (known && 'error' in known) throw known.error;
    if (known) {
      const copy = [...known.path];
      handedOut.set(copy, known);
      return copy;
    }
    let path: X509Certificate[];
    try {
      path = sort.call(this);
    } catch (error) {
      paths.set(this.trustedCerts, leaf, { error });
      throw error;
    }
    const entry: KnownPath = { path: [...path], checked: false };
    paths.set(this.trustedCerts, leaf, entry);
    handedOut.set(path, entry);
    return path;
  };
  proto.checkPath = function memoisedCheckPath(this: ChainInternals, path: X509Certificate[]): void {
    const entry = handedOut.get(path);
    const same = entry !== undefined && entry.path.length === path.length && entry.path.every((c, i) => c === path[i]);
    if (same && entry.checked) return;
    checkPath.call(this, path);
    // checkPath reads names and constraints only, no signature: its pass needs no confirming.
    if (same) entry.checked = true;
  };
}

function patchSigningKey(proto: VerifierInternals): void {
  const verifySigningKey = proto.verifySigningKey;
  proto.verifySigningKey = function memoisedVerifySigningKey(this: VerifierInternals, entity, timestamps): Signer {
    const key = entity.key;
    if (key.$case !== 'certificate') return verifySigningKey.call(this, entity, timestamps);
    const leaf = key.certificate;
    // This entry's own chain checks, at its own timestamps, exactly as verifyCertificate runs them.
    let path: X509Certificate[] = [];
    for (const timestamp of timestamps) path = verifyCertificateChain(timestamp, leaf, this.trustMaterial.certificateAuthorities);
    const issuer = path[1];
    const known = signers.get(this.trustMaterial, leaf);
    const threshold = this.options.ctlogThreshold;
    if (known && issuer && known.issuer === issuer && known.threshold === threshold && path[0] === leaf) return known.signer;
    const signer = verifySigningKey.call(this, entity, timestamps);
    if (issuer && path[0] === leaf) signers.set(this.trustMaterial, leaf, { threshold, issuer, signer });
    return signer;
  };
}

const chainProto = CertificateChainVerifier.prototype as unknown as ChainInternals & { [PATCHED]?: true };
const verifierProto = Verifier.prototype as unknown as VerifierInternals & { [PATCHED]?: true };
// Patched only where the internals it relies on exist: a library version without them runs unpatched.
if (!chainProto[PATCHED] && typeof chainProto.sort === 'function' && typeof chainProto.checkPath === 'function') {
  patchChain(chainProto);
  chainProto[PATCHED] = true;
}
if (!verifierProto[PATCHED] && typeof verifierProto.verifySigningKey === 'function') {
  patchSigningKey(verifierProto);
  verifierProto[PATCHED] = true;
}
