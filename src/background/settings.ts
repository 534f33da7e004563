// User settings in storage.local, validated on read so a bad stored value falls back to the
// default instead of reaching the UI.
import { DEFAULT_SETTINGS, type Settings } from '../shared/messages';
import { isRecord, type StorageArea } from './storage-area';

const SETTINGS_KEY = 'settings';

export interface SettingsStore {
  get(): Promise<Settings>;
  set(settings: Settings): Promise<Settings>;
}

function parseSettings(raw: unknown): Settings {
  const value = isRecord(raw) ? raw : {};
  return {
    searchBadges: typeof value.searchBadges === 'boolean' ? value.searchBadges : DEFAULT_SETTINGS.searchBadges,
  };
}

/**
 * Only this store writes the key (the options page and the popup ask the worker), so the value
 * read once stands until set() changes it: a search page's asks, and what a revisit is told as it
 * loads, do not wait on a storage read each time. A read or a write that fails is not kept.
 */
export function createSettingsStore(storage: StorageArea): SettingsStore {
  let known: Promise<Settings> | undefined;
  const read = async () => parseSettings((await storage.get(SETTINGS_KEY))[SETTINGS_KEY]);
  return {
    get() {
      if (known === undefined) {
        const reading = read();
        known = reading;
        reading.catch(() => {
          if (known === reading) known = undefined;
        });
      }
      return known;
    },
    async set(settings) {
      const clean = parseSettings(settings);
      // Answered from the moment the change arrives, not once storage confirms it: search badges
      // turned off must not be answered "on" while the write is under way.
      const mine = Promise.resolve(clean);
      known = mine;
      try {
        await storage.set({ [SETTINGS_KEY]: clean });
      } catch (error) {
        // Not stored: the next get() reads what storage holds.
        if (known === mine) known = undefined;
        throw error;
      }
      return clean;
    },
  };
}
