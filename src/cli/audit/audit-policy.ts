// The audit's policy: the person's pins (the file the extension's options page exports,
// checked by the extension's own import rules) and --require. A pin is applied by the
// worker's rule (pin-check.ts): another signer, or none, is `invalid` with IDENTITY_PIN.
import type { IdentityPin } from '../../core/api';
import { packageNameKey } from '../../background/pin-records';
import { applyPin } from '../../background/pin-check';
import { checkPinsImport, MAX_IMPORT_CHARS } from '../../background/pins-transfer';
import type { AuditRequirement } from '../args';
import { inputError } from '../cli-error';
import { readInputText } from '../read-input';
import type { OtherSource } from './locked-package';
import { recordOf, verdictOf, type AuditRecord } from './audit-record';

export type Requirement = AuditRequirement;

export interface Judged extends AuditRecord {
  pinned: boolean;
  /** 1-based line of the package in the lockfile, where the parser knew it. */
  line?: number;
  /** Why the policy fails this package; undefined when it passes. */
  failure?: string;
}

export type Pins = ReadonlyMap<string, IdentityPin>;

export function readPinsFile(path: string): Pins {
  const text = readInputText(path, '--pins file');
  if (text.length > MAX_IMPORT_CHARS) throw inputError(`--pins file ${JSON.stringify(path)} is too large`);
  const checked = checkPinsImport(text);
  if (!checked.ok) throw inputError(`--pins file ${JSON.stringify(path)}: ${checked.message}`);
  return new Map(checked.data.pins.map((record) => [packageNameKey(record), record.pin]));
}

function failureOf(record: AuditRecord, pinned: boolean, require: Requirement): string | undefined {
  if (record.status === 'invalid') return record.code === 'IDENTITY_PIN' ? 'pin broken' : 'provenance check failed';
  if (pinned && record.status === 'unavailable') return "pinned, but couldn't check";
  if (require === 'verified' && record.status !== 'verified') return 'not verified (--require verified)';
  if (require === 'attested' && record.status !== 'verified' && record.status !== 'partial') return 'no verified provenance (--require attested)';
  return undefined;
}

export function judge(records: readonly AuditRecord[], pins: Pins, require: Requirement): Judged[] {
  return records.map((record) => {
    const pin = pins.get(packageNameKey(record));
    const pinnedRecord = pin ? recordOf(applyPin(verdictOf(record), pin), record.bound) : record;
    const failure = failureOf(pinnedRecord, pin !== undefined, require);
    return { ...pinnedRecord, pinned: pin !== undefined, ...(failure ? { failure } : {}) };
  });
}

/** The project's own code (workspaces) and files inside a checked tarball fail no requirement. */
const OWN_CODE = new Set(['workspace', 'bundled']);

export function otherFailure(other: OtherSource, require: Requirement): string | undefined {
  if (require === 'any' || OWN_CODE.has(other.source)) return undefined;
  return `not from the registry (${other.source}; --require ${require})`;
}
