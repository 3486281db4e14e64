import type { Settings } from '../../shared/bridge/contract';
import { DEFAULT_MINIMUM_WAGE } from '../../shared/validation';
import type { MetaStore } from './store/meta';
import type { DeskStore } from './desk/deskStore';
import { ServiceError } from '../../shared/bridge/envelope';
import { SETTINGS_REFUSED, settingsProblems } from '../../shared/settings/rules';

/** Refuses a change that breaks a rule of shared/settings/rules.ts: nothing is stored. */
export function assertSettings(patch: Partial<Settings>): void {
  const problems = settingsProblems(patch);
  if (Object.keys(problems).length > 0) throw new ServiceError('INVALID_INPUT', SETTINGS_REFUSED, problems);
}

export const DEFAULT_BUREAU_URL = 'http://127.0.0.1:47110';

export const DEFAULT_SETTINGS: Settings = {
  minimumWage: DEFAULT_MINIMUM_WAGE.amount,
  minimumWageSource: `${DEFAULT_MINIMUM_WAGE.source}（${DEFAULT_MINIMUM_WAGE.effective} 起）`,
  bureauUrl: DEFAULT_BUREAU_URL,
  syncIntervalMinutes: 5,
  language: 'zh-CN',
};

/** Settings of the desk: the same whichever enterprise signs in, and never taken from a store or a backup. */
const DESK_KEYS = ['bureauUrl', 'syncIntervalMinutes', 'language'] as const;
type DeskKey = (typeof DESK_KEYS)[number];
/** Settings of the enterprise: kept in its own store. */
const ENTERPRISE_KEYS = ['minimumWage', 'minimumWageSource'] as const;
type EnterpriseKey = (typeof ENTERPRISE_KEYS)[number];

const pick = <K extends keyof Settings>(from: Partial<Settings>, keys: readonly K[]): Partial<Pick<Settings, K>> => {
  const out: Partial<Pick<Settings, K>> = {};
  for (const k of keys) if (from[k] !== undefined) out[k] = from[k];
  return out;
};

/** The desk's part of the settings, readable before anyone signs in. */
export class DeskSettingsService {
  private readonly defaults: Pick<Settings, DeskKey>;
  constructor(
    private readonly desk: DeskStore,
    defaultBureauUrl?: string,
  ) {
    const base = pick(DEFAULT_SETTINGS, DESK_KEYS) as Pick<Settings, DeskKey>;
    this.defaults = defaultBureauUrl === undefined ? base : { ...base, bureauUrl: defaultBureauUrl };
  }
  get(): Pick<Settings, DeskKey> {
    return { ...this.defaults, ...pick(this.desk.settings() as Partial<Settings>, DESK_KEYS) };
  }
  save(patch: Partial<Settings>): Pick<Settings, DeskKey> {
    assertSettings(patch);
    this.desk.saveSettings(pick(patch, DESK_KEYS));
    return this.get();
  }
  printer(): string | null {
    return this.desk.settings().printer ?? null;
  }
  savePrinter(name: string): void {
    this.desk.saveSettings({ printer: name });
  }
}

/** The settings page's whole view: the desk's part and the signed-in enterprise's part. */
export class SettingsService {
  constructor(
    private readonly meta: MetaStore,
    private readonly desk: DeskSettingsService,
  ) {}
  get(): Settings {
    const own = pick(this.meta.get<Partial<Settings>>('settings') ?? {}, ENTERPRISE_KEYS);
    return { ...DEFAULT_SETTINGS, ...own, ...this.desk.get() };
  }
  save(patch: Partial<Settings>): Settings {
    assertSettings(patch);
    this.desk.save(patch);
    const own: Partial<Pick<Settings, EnterpriseKey>> = {
      ...pick(this.meta.get<Partial<Settings>>('settings') ?? {}, ENTERPRISE_KEYS),
      ...pick(patch, ENTERPRISE_KEYS),
    };
    this.meta.put('settings', own);
    return this.get();
  }
}
