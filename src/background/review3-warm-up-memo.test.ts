// Third review, the worker's start-up verification (warm-up.ts, commit 68ae8e7). It runs the
// worker's own verifiers, whose signature checks go through the noble adapter's memo and
// WebCrypto (verify-ahead.ts), so it leaves answers behind. Whatever it leaves, a later real
// verification must decide exactly what it decides with an empty memo: the same recorded
// provenance for another file, tampered bytes, and trust material without the authorities
// it used. Real data: the embedded file, the shared fixture it copies, dists.json, and Sigstore's
// production trusted root as embedded, mutated in code.
import { createHash, webcrypto } from 'node:crypto';
import { beforeEach, expect, it } from 'vitest';
import { clearCryptoMemos, verifyMemoStats } from '../core/crypto/node-crypto';
import { withCrypto } from '../core/crypto/testing/swap-node-crypto';
import { createTrustContext, embeddedTrustInput, verifyNpmAttestations, verifyPypiProvenance, type ArtifactVerdict, type TrustContext } from '../core/index';
import type { Verifiers } from '../registries/adapter';
import dists from '../../demo/recorded/pypi/sampleproject/dists.json';
import embedded from '../../demo/recorded/pypi/sampleproject/sampleproject-4.0.0.tar.gz.provenance?raw';
import { describeRealData, readFixture, readFixtureJson } from '../testing/fixtures';
import { createWorkerVerifiers } from './verifiers';
import { warmVerification } from './warm-up';

type Doc = { attestation_bundles: { attestations: { envelope: { statement: string; signature: string }; verification_material: { certificate: string; transparency_entries: Record<string, unknown>[] } }[] }[] };

// The worker's verifiers as the extension bundles them: the core under the noble adapter (its
// memo), signatures answered by WebCrypto where verify-ahead.ts allows.
const core = {
  verifyPypiProvenance: (...a: Parameters<typeof verifyPypiProvenance>) => withCrypto('adapter', () => verifyPypiProvenance(...a)),
  verifyNpmAttestations: (...a: Parameters<typeof verifyNpmAttestations>) => withCrypto('adapter', () => verifyNpmAttestations(...a)),
};
const worker: Verifiers = createWorkerVerifiers({ core, subtle: webcrypto.subtle as SubtleCrypto });
const SDIST = dists.distributions.find((d) => d.filename === 'sampleproject-4.0.0.tar.gz')!;
const FILE = { filename: SDIST.filename, sha256: SDIST.sha256 };
const production = () => withCrypto('adapter', () => createTrustContext(embeddedTrustInput()));
const doc = (): Doc => JSON.parse(embedded) as Doc;
const att = (d: Doc) => d.attestation_bundles[0]!.attestations[0]!;
const flipLast = (b64: string) => {
  const bytes = Buffer.from(b64, 'base64');
  bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
  return bytes.toString('base64');
};
const otherHex = (hex: string) => `${hex.slice(0, -1)}${hex.endsWith('0') ? '1' : '0'}`;

/** Trust material from the embedded production root, changed by `edit` (a TUF refresh that differs). */
function trustWith(edit: (root: Record<string, unknown[]>) => void): TrustContext {
  const input = embeddedTrustInput();
  const root = structuredClone(input.trustedRoot) as Record<string, unknown[]>;
  edit(root);
  return withCrypto('adapter', () => createTrustContext({ ...input, trustedRoot: root }));
}

type Question = { name: string; run: () => ArtifactVerdict | Promise<ArtifactVerdict> };
function questions(): Question[] {
  const ask = (d: unknown, file = FILE, trust: TrustContext = production()) => () => worker.verifyPypiProvenance(d, file, trust);
  const tamper = (edit: (d: Doc) => void) => {
    const d = doc();
    edit(d);
    return d;
  };
  return [
    { name: 'the same provenance for a file with another sha256', run: ask(doc(), { ...FILE, sha256: otherHex(FILE.sha256) }) },
    { name: 'the same provenance under another filename', run: ask(doc(), { ...FILE, filename: 'sampleproject-4.0.1.tar.gz' }) },
    { name: 'the DSSE signature flipped', run: ask(tamper((d) => (att(d).envelope.signature = flipLast(att(d).envelope.signature)))) },
    { name: 'the statement changed after signing', run: ask(tamper((d) => (att(d).envelope.statement = flipLast(att(d).envelope.statement)))) },
    { name: 'the certificate changed', run: ask(tamper((d) => (att(d).verification_material.certificate = flipLast(att(d).verification_material.certificate)))) },
    {
      name: 'the Rekor entry moved in time',
      run: ask(tamper((d) => {
        const e = att(d).verification_material.transparency_entries[0]!;
        e.integratedTime = String(Number(e.integratedTime) + 1);
      })),
    },
    { name: 'trust material without Rekor logs', run: ask(doc(), FILE, trustWith((r) => (r.tlogs = []))) },
    { name: 'trust material without CT logs', run: ask(doc(), FILE, trustWith((r) => (r.ctlogs = []))) },
    { name: 'trust material without Fulcio', run: ask(doc(), FILE, trustWith((r) => (r.certificateAuthorities = []))) },
  ];
}

beforeEach(() => clearCryptoMemos());

describeRealData('review3: the embedded provenance is the real recorded one', () => {
  it('byte-identical to the shared fixture; its file and sha256 are dists.json\'s and the signed subject\'s', async () => {
    expect(Buffer.from(embedded, 'utf8').equals(readFixture('pypi/sampleproject/sampleproject-4.0.0.tar.gz.provenance'))).toBe(true);
    const shared = readFixtureJson<typeof dists>('pypi/sampleproject/dists.json').distributions.find((d) => d.filename === FILE.filename);
    expect(shared?.sha256).toBe(FILE.sha256);
    const statement = JSON.parse(Buffer.from(att(doc()).envelope.statement, 'base64').toString('utf8')) as { subject: { name: string; digest: { sha256: string } }[] };
    expect(statement.subject).toEqual([{ name: FILE.filename, digest: { sha256: FILE.sha256 } }]);
    // What warm-up.ts passes is the same pair (seen through a recording verifier).
    const seen: string[] = [];
    const recording: Verifiers = { verifyPypiProvenance: (d, f, t) => (seen.push(`${f.filename} ${f.sha256}`), core.verifyPypiProvenance(d, f, t)), verifyNpmAttestations };
    await warmVerification(recording, production);
    expect(seen).toEqual([`${FILE.filename} ${FILE.sha256}`]);
    expect(createHash('sha256').update(embedded).digest('hex')).toBe(createHash('sha256').update(readFixture('pypi/sampleproject/sampleproject-4.0.0.tar.gz.provenance')).digest('hex'));
  });
});

describeRealData('review3: what the warm-up leaves in the signature memo decides nothing later', () => {
  it('through the bundled path it does leave answers behind (so the cases below test something)', async () => {
    await warmVerification(worker, production);
    expect(verifyMemoStats().size).toBeGreaterThan(0);
    expect(await worker.verifyPypiProvenance(doc(), FILE, production())).toMatchObject({ status: 'verified', identity: { repository: 'pypa/sampleproject' } });
  });

  for (const q of questions()) {
    it(`${q.name}: not verified, and the same verdict as with an empty memo`, async () => {
      const cold = await q.run();
      clearCryptoMemos();
      await warmVerification(worker, production);
      const warm = await q.run();
      expect(warm.status).not.toBe('verified');
      expect(warm).toEqual(cold);
    });
  }

  it('a tampered copy verified while the warm-up still waits on WebCrypto fails, and the genuine one still verifies', async () => {
    const d = doc();
    att(d).envelope.signature = flipLast(att(d).envelope.signature);
    const cold = await worker.verifyPypiProvenance(d, FILE, production());
    clearCryptoMemos();
    const warming = warmVerification(worker, production);
    const [tampered, genuine] = await Promise.all([worker.verifyPypiProvenance(d, FILE, production()), worker.verifyPypiProvenance(doc(), FILE, production())]);
    await expect(warming).resolves.toBeUndefined();
    expect(tampered.status).not.toBe('verified');
    expect(tampered).toEqual(cold);
    expect(genuine.status).toBe('verified');
  });
});
