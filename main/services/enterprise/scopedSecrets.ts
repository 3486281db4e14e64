import type { SecretStore } from '../app';

/** One enterprise's view of the desk's secret store: its names are prefixed with its key. */
export function scopedSecrets(root: SecretStore, key: string): SecretStore {
  const name = (n: string) => `enterprise.${key}.${n}`;
  return {
    get persistent() {
      return root.persistent ?? true;
    },
    get: (n) => root.get(name(n)),
    set: (n, v) => root.set(name(n), v),
    delete: (n) => root.delete(name(n)),
  };
}
