// Typed request/reply to the background worker. Every failure, including a worker that never
// answers, comes back as a value, so views show "couldn't check" instead of throwing.
// Chrome (MV3 `chrome.*`) and Firefox (`browser.*`) both return promises here, so no polyfill is
// bundled into the content script; the polyfill's types describe the shape we rely on.
import type Browser from 'webextension-polyfill';
import { type ExplainableCode, hasCodeText } from '../shared/code-text';
import type { Message, ReplyMap } from '../shared/messages';
import { withVisibleText } from './visible-text';

export type Outcome<T> = { ok: true; value: T } | { ok: false; code: ExplainableCode; message: string };

export type Ask = <M extends Message>(message: M) => Promise<Outcome<ReplyMap[M['type']]>>;

/** The raw transport: `runtime.sendMessage` in the extension, a fake in tests. */
export type SendMessage = (message: Message) => Promise<unknown>;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
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
    if (!isObject(reply) || typeof reply.ok !== 'boolean') {
      return { ok: false, code: 'WORKER_UNREACHABLE', message: 'No reply from the background worker.' };
    }
    if (reply.ok) {
      const value = reply.value as ReplyMap[M['type']];
      // An export is data to save as it is; everything else is shown.
      return { ok: true, value: message.type === 'page/pins-export' ? value : withVisibleText(value) };
    }
    const code = typeof reply.code === 'string' && hasCodeText(reply.code) ? (reply.code as ExplainableCode) : 'MSG_INTERNAL';
    return { ok: false, code, message: typeof reply.message === 'string' ? withVisibleText(reply.message) : '' };
  };
}

/** The extension API of whichever browser runs us; `browser` first, as Firefox also has `chrome`. */
export function extensionApi(): Browser.Browser {
  const g = globalThis as unknown as { browser?: Browser.Browser; chrome?: Browser.Browser };
  const api = g.browser?.runtime?.id !== undefined ? g.browser : g.chrome;
  if (api === undefined) throw new Error('No extension API in this context.');
  return api;
}

export const askWorker: Ask = createAsk((message) => extensionApi().runtime.sendMessage(message));
