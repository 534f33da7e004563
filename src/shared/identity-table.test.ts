import { describe, expect, it } from 'vitest';
import type { FileVerdict, PackageVerdict } from '../core/verdict';
import { changedVerdict, CURRENT, PREVIOUS } from '../ui/test-continuity';
import { ATTESTATION, IDENTITY, VERDICTS } from '../ui/test-verdicts';
import { restoreIdentities, shareIdentities } from './identity-table';

/** A release of `n` files, each signed by its own certificate with the same identity fields. */
function release(n: number): PackageVerdict {
  const files: FileVerdict[] = Array.from({ length: n }, (_, i) => {
    const identity = { ...IDENTITY }; // equal, not the same object, as verdicts read from storage are
    const attestation = { ...ATTESTATION, signer: { ...identity }, log: { ...ATTESTATION.log, logIndex: String(1000 + i) } };
    return { filename: `widgets-1.2.0-${i}.whl`, sha256: String(i), verdict: { status: 'verified', identity, attestations: [attestation] } };
  });
  const attestations = files.flatMap((f) => (f.verdict.status === 'verified' ? f.verdict.attestations : []));
  return { ...VERDICTS.verified, files, attestations };
}

/** What the page receives: the shared form through JSON, as runtime messaging carries it. */
function overTheWire(value: unknown): { value: unknown; identities: unknown } {
  return JSON.parse(JSON.stringify(shareIdentities(value))) as { value: unknown; identities: unknown };
}

describe('identity table', () => {
  it('sends a 60-file release with its identity once and gets the same verdict back', () => {
    const verdict = release(60);
    const wire = overTheWire(verdict);
    expect(wire.identities).toEqual([IDENTITY]);
    expect(JSON.stringify(wire).length).toBeLessThan(JSON.stringify(verdict).length / 3);
    expect(restoreIdentities(wire.value, wire.identities)).toBe(true);
    expect(wire.value).toEqual(verdict);
  });

  it('keeps different identities apart: a continuity note names the earlier publisher', () => {
    const verdict = changedVerdict('repository', 'acme/widget', 'mallory/widget');
    const wire = overTheWire(verdict);
    expect(wire.identities).toEqual(expect.arrayContaining([PREVIOUS, CURRENT]));
    expect(restoreIdentities(wire.value, wire.identities)).toBe(true);
    expect(wire.value).toEqual(verdict);
  });

  it('leaves the worker’s verdict untouched and replies without identities as they are', () => {
    const verdict = release(2);
    const before = structuredClone(verdict);
    shareIdentities(verdict);
    expect(verdict).toEqual(before);
    const batch = [{ ok: true, value: VERDICTS.none }, { ok: false, code: 'MSG_BAD_PACKAGE', message: 'x' }];
    expect(shareIdentities(batch)).toEqual({ value: batch, identities: [] });
  });

  it.each([
    ['a position past the table', { identityRef: 1 }],
    ['a negative position', { identityRef: -1 }],
    ['a fractional position', { identityRef: 0.5 }],
    ['a position as text', { identityRef: '0' }],
    ['a reference with more in it', { identityRef: 0, repository: 'evil/repo' }],
    ['an identity the worker would have shared', IDENTITY],
  ])('refuses a reply with %s', (_, ref) => {
    const value = { ok: true, value: { status: 'verified', identity: ref, files: [] } };
    expect(restoreIdentities(value, [IDENTITY])).toBe(false);
  });

  it('refuses a table that is not a list of identities, and values nested past any verdict', () => {
    expect(restoreIdentities({ identity: { identityRef: 0 } }, { 0: IDENTITY })).toBe(false);
    expect(restoreIdentities({ identity: { identityRef: 0 } }, ['octo/widgets'])).toBe(false);
    let deep: unknown = { identity: { identityRef: 0 } };
    for (let i = 0; i < 40; i++) deep = { next: deep };
    expect(restoreIdentities(deep, [IDENTITY])).toBe(false);
  });
});
