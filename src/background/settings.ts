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

export function createSettingsStore(storage: StorageArea): SettingsStore {
  return {
    async get() {
      return parseSettings((await storage.get(SETTINGS_KEY))[SETTINGS_KEY]);
    },
    async set(settings) {
      const clean = parseSettings(settings);
      await storage.set({ [SETTINGS_KEY]: clean });
      return clean;
    },
  };
}
