/**
 * The context the shared rules run with in the form: today's date as main sees it (tests pin
 * the clock) and the minimum-wage setting, so the form runs exactly the rule main runs.
 */
import type { RuleContext } from '../../../shared/documents/types';
import { invoke } from '../bridge';

export async function loadRuleContext(): Promise<RuleContext> {
  const [info, settings] = await Promise.all([invoke('app:info', {}), invoke('settings:get', {})]);
  return { today: info.today, minimumWage: settings.minimumWage };
}
