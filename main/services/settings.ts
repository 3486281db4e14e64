import type { Settings } from '../../shared/bridge/contract';
import { DEFAULT_MINIMUM_WAGE } from '../../shared/validation';
import type { MetaStore } from './store/meta';

export const DEFAULT_BUREAU_URL = 'http://127.0.0.1:47110';

export const DEFAULT_SETTINGS: Settings = {
  minimumWage: DEFAULT_MINIMUM_WAGE.amount,
  minimumWageSource: `${DEFAULT_MINIMUM_WAGE.source}（${DEFAULT_MINIMUM_WAGE.effective} 起）`,
  bureauUrl: DEFAULT_BUREAU_URL,
  syncIntervalMinutes: 5,
  language: 'zh-CN',
};

export class SettingsService {
  private readonly defaults: Settings;
  constructor(
    private readonly meta: MetaStore,
    defaultBureauUrl?: string,
  ) {
    this.defaults = defaultBureauUrl === undefined ? DEFAULT_SETTINGS : { ...DEFAULT_SETTINGS, bureauUrl: defaultBureauUrl };
  }
  get(): Settings {
    return { ...this.defaults, ...(this.meta.get<Partial<Settings>>('settings') ?? {}) };
  }
  save(patch: Partial<Settings>): Settings {
    const next = { ...this.get(), ...patch };
    this.meta.put('settings', next);
    return next;
  }
}
