// The page/pin* and page/pins-* messages. The router only sends these here for our own
// extension pages: a registry page's content script can neither read nor change pins.
import type { PackageVerdict } from '../core/verdict';
import { isValidPackageRef } from '../registries/verify-package';
import type { MessageErrorCode, PageMessage, PackageName, Reply } from '../shared/messages';
import { checkPinsImport } from './pins-transfer';
import { PinLimitError, type PinStore } from './pins';
import type { TabState } from './tab-state';
import type { VerdictService } from './verdicts';

export type PinMessage = Extract<PageMessage, { type: `page/pin-${string}` | `page/pins-${string}` }>;

export interface PinRouteDeps {
  pins: PinStore;
  verdicts: VerdictService;
  tabs: TabState;
}

const ok = <T>(value: T): Reply<T> => ({ ok: true, value });
const no = (code: MessageErrorCode, message: string): Reply<never> => ({ ok: false, code, message });

export function isPinMessage(msg: PageMessage): msg is PinMessage {
  return msg.type.startsWith('page/pin-') || msg.type.startsWith('page/pins-');
}

/** The version's verdict under the changed pin, pushed to the tabs that show it. */
async function reanswer(pkg: PackageName & { version?: string }, deps: PinRouteDeps): Promise<PackageVerdict | null> {
  if (pkg.version === undefined) return null;
  const verdict = await deps.verdicts.getVerdict({ registry: pkg.registry, name: pkg.name, version: pkg.version });
  await deps.tabs.replaceVerdict(verdict);
  return verdict;
}

export async function onPinMessage(msg: PinMessage, deps: PinRouteDeps): Promise<Reply<unknown>> {
  switch (msg.type) {
    case 'page/pin-set': {
      if (!isValidPackageRef(msg.pkg)) return no('MSG_BAD_PACKAGE', 'name or version outside the registry grammar');
      try {
        const record = await deps.pins.set(msg.pkg, msg.pin);
        return ok({ pin: record.pin, verdict: await reanswer(msg.pkg, deps) });
      } catch (error) {
        if (error instanceof PinLimitError) return no('MSG_MALFORMED', error.message);
        throw error;
      }
    }
    case 'page/pin-remove': {
      if (!isValidPackageRef(msg.pkg)) return no('MSG_BAD_PACKAGE', 'name or version outside the registry grammar');
      const removed = await deps.pins.remove(msg.pkg);
      return ok({ removed, verdict: await reanswer(msg.pkg, deps) });
    }
    case 'page/pin-get': {
      if (!isValidPackageRef(msg.pkg)) return no('MSG_BAD_PACKAGE', 'name outside the registry grammar');
      return ok({ pin: await deps.pins.get(msg.pkg), seen: await deps.pins.seen(msg.pkg) });
    }
    case 'page/pins-export':
      return ok(await deps.pins.exportAll());
    case 'page/pins-import': {
      // Checked in full first: a refused import writes nothing.
      const checked = checkPinsImport(msg.data);
      if (!checked.ok) return no('MSG_MALFORMED', `pins import refused: ${checked.message}`);
      try {
        return ok(await deps.pins.importAll(checked.data));
      } catch (error) {
        if (error instanceof PinLimitError) return no('MSG_MALFORMED', `pins import refused: ${error.message}`);
        throw error;
      }
    }
  }
}
