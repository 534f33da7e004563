// The pins import: a file a user was handed is untrusted input. It is checked in full (shape,
// sizes, counts, grammar) before anything is written, and rejected whole on the first fault:
// half an import could leave a package pinned to a publisher nobody reviewed.
import type { HistoryRecord, PinRecord, PinsExport } from '../shared/messages';
import { MAX_HISTORY_PACKAGES, MAX_PINS, packageNameKey, parseHistoryRecord, parsePinRecord } from './pin-records';
import { isRecord } from './storage-area';

/** Far above any real export (1000 pins, 500 histories); JSON text beyond it is not parsed. */
export const MAX_IMPORT_CHARS = 2 * 1024 * 1024;

export type ImportCheck = { ok: true; data: PinsExport } | { ok: false; message: string };

function parseRecords<T extends PinRecord | HistoryRecord>(
  raw: unknown,
  field: string,
  max: number,
  parse: (v: unknown) => T | null,
): { ok: true; records: T[] } | { ok: false; message: string } {
  if (raw === undefined) return { ok: true, records: [] };
  if (!Array.isArray(raw)) return { ok: false, message: `${field} is not a list` };
  if (raw.length > max) return { ok: false, message: `${field} holds more than ${max} entries` };
  const records: T[] = [];
  const keys = new Set<string>();
  for (const [i, item] of raw.entries()) {
    const record = parse(item);
    if (!record) return { ok: false, message: `${field}[${i}] is not a valid entry` };
    const key = packageNameKey(record);
    if (keys.has(key)) return { ok: false, message: `${field}[${i}] repeats a package` };
    keys.add(key);
    records.push(record);
  }
  return { ok: true, records };
}

/** A checked PinsExport, or why the whole import is refused. Unknown fields are dropped. */
export function checkPinsImport(data: unknown): ImportCheck {
  let doc = data;
  if (typeof data === 'string') {
    if (data.length > MAX_IMPORT_CHARS) return { ok: false, message: 'the file is too large' };
    try {
      doc = JSON.parse(data) as unknown;
    } catch {
      return { ok: false, message: 'the file is not JSON' };
    }
  }
  if (!isRecord(doc)) return { ok: false, message: 'not a Provenance Lens pins export' };
  if (doc.version !== 1) return { ok: false, message: 'unknown export version' };
  if (doc.pins === undefined) return { ok: false, message: 'no pins list' };
  const pins = parseRecords(doc.pins, 'pins', MAX_PINS, parsePinRecord);
  if (!pins.ok) return pins;
  const history = parseRecords(doc.history, 'history', MAX_HISTORY_PACKAGES, parseHistoryRecord);
  if (!history.ok) return history;
  return { ok: true, data: { version: 1, pins: pins.records, history: history.records } };
}
