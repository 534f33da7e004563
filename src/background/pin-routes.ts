// The page/pin* and page/pins-* messages. The router only sends these here for our own
// extension pages: a registry page's content script can neither read nor change pins.
import type { PackageRef, PackageVerdict } from '../core/verdict';
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

/**
 * A pin is kept per package, so it changes the verdict of every version: each release a tab
 * shows is judged again with its own version (a verdict of the popup's version would be
 * another release's on those tabs, and leaving them be would keep a badge the pin now
 * contradicts). Answers the popup's version's verdict, or null when it named none.
 */
async function reanswer(pkg: PackageName & { version?: string }, deps: PinRouteDeps): Promise<PackageVerdict | null> {
  const judge = async (release: PackageRef & { version: string }): Promise<PackageVerdict> => {
    const verdict = await deps.verdicts.getVerdict(release);
    await deps.tabs.replaceVerdict(verdict);
    return verdict;
  };
  const asked = pkg.version === undefined ? null : { registry: pkg.registry, name: pkg.name, version: pkg.version };
  const others = deps.tabs.releasesShown(pkg).filter((shown) => shown.version !== asked?.version);
  const [verdict] = await Promise.all([asked ? judge(asked) : null, ...others.map(judge)]);
  return verdict ?? null;
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
