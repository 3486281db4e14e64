import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Settings } from '../../../shared/bridge/contract';
import { invoke } from '../bridge';

/** Local settings (minimum wage for the salary rule, bureau URL, sync interval). */
export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<Settings | null>(null);

  async function load(force = false): Promise<Settings> {
    if (settings.value && !force) return settings.value;
    settings.value = await invoke('settings:get', {});
    return settings.value;
  }

  async function save(patch: Partial<Settings>): Promise<Settings> {
    settings.value = await invoke('settings:save', patch);
    return settings.value;
  }

  return { settings, load, save };
});
