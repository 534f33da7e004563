// The worker's start-up verification (warm-up.ts) must run the whole verified path, the one a
// first badge takes, not stop at an early failure: the recorded provenance verifies against the
// built-in trust material for the file named. It keeps nothing and never fails the worker.
import { describe, expect, it } from 'vitest';
import { embeddedTrustContext, verifyNpmAttestations, verifyPypiProvenance } from '../core/index';
import type { Verifiers } from '../registries/adapter';
import dists from '../../demo/recorded/pypi/sampleproject/dists.json';
import { createWorkerVerifiers } from './verifiers';
import { warmVerification } from './warm-up';

/** The core's verifiers, recording what each call decided. */
function recording(): { verifiers: Verifiers; decided: string[]; files: string[] } {
  const decided: string[] = [];
  const files: string[] = [];
  return {
    decided,
    files,
    verifiers: {
      verifyPypiProvenance: (doc, file, trust) => {
        files.push(`${file.filename} ${file.sha256}`);
        const verdict = verifyPypiProvenance(doc, file, trust);
        decided.push(verdict.status === 'verified' ? `verified by ${verdict.identity?.repository}` : verdict.status);
        return verdict;
      },
      verifyNpmAttestations,
    },
  };
}

describe('start-up verification', () => {
  it('verifies the recorded sampleproject sdist end to end with the built-in trust material', async () => {
    const r = recording();
    await warmVerification(r.verifiers, embeddedTrustContext);
    expect(r.decided).toEqual(['verified by pypa/sampleproject']);
    // The digest it checks is the recorded distribution's own (demo/recorded/.../dists.json).
    const sdist = dists.distributions.find((d) => d.filename === 'sampleproject-4.0.0.tar.gz');
    expect(r.files).toEqual([`${sdist?.filename} ${sdist?.sha256}`]);
  });

  it("through the worker's own verifiers (WebCrypto first) too", async () => {
    await expect(warmVerification(createWorkerVerifiers(), embeddedTrustContext)).resolves.toBeUndefined();
  });

  it('never rejects: no trust material, or a verifier that throws', async () => {
    const throwing: Verifiers = {
      verifyPypiProvenance: () => {
        throw new Error('boom');
      },
      verifyNpmAttestations,
    };
    await expect(warmVerification(throwing, embeddedTrustContext)).resolves.toBeUndefined();
    const noTrust = () => {
      throw new Error('no trust material');
    };
    await expect(warmVerification(recording().verifiers, noTrust)).resolves.toBeUndefined();
  });
});
