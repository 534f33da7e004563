// Typed request/reply to the background worker. Every failure, including a worker that never
// answers, comes back as a value, so views show "couldn't check" instead of throwing.
// Chrome (MV3 `chrome.*`) and Firefox (`browser.*`) both return promises here, so no polyfill is
// bundled into the content script; the polyfill's types describe the shape we rely on.
import { type ExplainableCode, hasCodeText, learnCodeTexts } from '../shared/code-text';
import type { PackageRef, PackageVerdict } from '../core/verdict';
import { restoreIdentities } from '../shared/identity-table';
import { answers } from '../shared/package-names';
import { ASK_AGAIN, MAX_SEARCH_BATCH, type Message, type ReplyMap } from '../shared/messages';
import { TIMELINE_HOLD_PORT } from '../shared/timeline-hold';
import { withVisibleText } from './visible-text';
import { extensionApi } from './extension-api';

export type Outcome<T> = { ok: true; value: T } | { ok: false; code: ExplainableCode; message: string };

export type Ask = <M extends Message>(message: M) => Promise<Outcome<ReplyMap[M['type']]>>;

/** The raw transport: `runtime.sendMessage` in the extension, a fake in tests. */
export type SendMessage = (message: Message) => Promise<unknown>;

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** How a reply's text reaches a view: made visible, or as is (an export is data to save). */
type Shown = <V>(value: V) => V;
const asIs: Shown = (value) => value;

const isText = (v: unknown): v is string => typeof v === 'string';

/** Only the worker sends verdicts, yet one of another shape must not be drawn or break a page. */
export function looksLikeVerdict(v: unknown): v is PackageVerdict {
  if (!isObject(v) || !isText(v.status) || !isObject(v.pkg) || !Array.isArray(v.files)) return false;
  const { pkg } = v;
  return (pkg.registry === 'pypi' || pkg.registry === 'npm') && isText(pkg.name) && isText(pkg.version) && v.files.every((f) => isObject(f) && isText(f.filename));
}

const MALFORMED = { ok: false, code: 'MSG_INTERNAL', message: 'The background worker sent a malformed reply.' } as const;

/** A reply as a view may use it: anything malformed, or a code we cannot explain, is neither. */
function outcome<T>(reply: unknown, shown: Shown): Outcome<T> {
  if (!isObject(reply) || typeof reply.ok !== 'boolean') {
    return { ok: false, code: 'WORKER_UNREACHABLE', message: 'No reply from the worker.' };
  }
  if (reply.ok) {
    const value = shown(reply.value as T);
    if (reply.identities === undefined) return { ok: true, value };
    // The identities are text to show like any other, then go back where the worker took them from.
    const identities = shown(reply.identities);
    return restoreIdentities(value, identities) ? { ok: true, value } : MALFORMED;
  }
  const code = typeof reply.code === 'string' && hasCodeText(reply.code) ? (reply.code as ExplainableCode) : 'MSG_INTERNAL';
  return { ok: false, code, message: typeof reply.message === 'string' ? withVisibleText(reply.message) : '' };
}

export function createAsk(send: SendMessage): Ask {
  return async <M extends Message>(message: M): Promise<Outcome<ReplyMap[M['type']]>> => {
    let reply: unknown;
    try {
      reply = await send(message);
    } catch (error) {
      const detail = error instanceof Error ? error.message : '';
      return { ok: false, code: 'WORKER_UNREACHABLE', message: detail };
    }
    if (isObject(reply)) learnCodeTexts(withVisibleText(reply.texts));
    // An export is data to save as it is; everything else is shown.
    return outcome(reply, message.type === 'page/pins-export' ? asIs : withVisibleText);
  };
}

/**
 * Loads search-result verdicts: the results that come into view together (within one task) go
 * to the worker as one message, so twenty results cost one round trip and one reply. To a search
 * page they come abridged for its badges; `details`: whole, for the details panel.
 */
export function searchVerdictLoader(ask: Ask, details?: true): (pkg: PackageRef) => Promise<Outcome<PackageVerdict>> {
  type Waiting = { pkg: PackageRef; answer: (o: Outcome<PackageVerdict>) => void }[];
  let batch: Waiting | null = null;
  // The answers come in the order asked: each must be a verdict of its package, whole if asked so.
  const checked = (o: Outcome<PackageVerdict>, pkg: PackageRef): Outcome<PackageVerdict> =>
    !o.ok || (looksLikeVerdict(o.value) && answers(pkg, o.value) && !(details && o.value.abridged)) ? o : MALFORMED;
  const send = async (waiting: Waiting) => {
    const reply = await ask({ type: 'content/search-verdicts', pkgs: waiting.map((w) => w.pkg), details });
    waiting.forEach((w, i) => w.answer(reply.ok ? checked(outcome<PackageVerdict>(reply.value[i], asIs), w.pkg) : reply));
  };
  return (pkg) =>
    new Promise((answer) => {
      if (batch === null) {
        const waiting: Waiting = [];
        batch = waiting;
        queueMicrotask(() => {
          if (batch === waiting) batch = null;
          void send(waiting);
        });
      }
      (batch as Waiting).push({ pkg, answer });
      // A full batch goes as it is; later results start the next one.
      if ((batch as Waiting).length === MAX_SEARCH_BATCH) batch = null;
    });
}

export { extensionApi };

export const askWorker: Ask = createAsk((message) => extensionApi().runtime.sendMessage(message));

/**
 * Holds a port open while a release timeline is awaited (shared/timeline-hold.ts); returns the
 * release. A worker that cannot be reached holds nothing, and the ask reports that itself.
 */
export function holdTimeline(): () => void {
  try {
    const port = extensionApi().runtime.connect({ name: TIMELINE_HOLD_PORT });
    return () => port.disconnect();
  } catch {
    return () => undefined;
  }
}

/** Calls `listener` whenever the worker asks this page to ask again; returns the unsubscribe. */
export type OnAskAgain = (listener: () => void) => () => void;

// Only our own extension can message a content script; the message carries nothing to trust.
export const onWorkerAskAgain: OnAskAgain = (listener) => {
  const { onMessage } = extensionApi().runtime;
  const heard = (message: unknown) => {
    if (message === ASK_AGAIN) listener();
  };
  onMessage.addListener(heard);
  return () => onMessage.removeListener(heard);
};
