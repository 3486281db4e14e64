import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { EnterpriseProfile, ReplyOf } from '../../../shared/bridge/contract';
import { invoke } from '../bridge';

/**
 * The signed-in enterprise. `auth:current` answers from the local store, so after one online
 * login the profile is there offline too.
 */
export const useSessionStore = defineStore('session', () => {
  const profile = ref<EnterpriseProfile | null>(null);
  /** whether `auth:current` has answered once */
  const loaded = ref(false);
  let loading: Promise<EnterpriseProfile | null> | null = null;

  const signedIn = computed(() => profile.value !== null);
  const enterpriseName = computed(() => profile.value?.name || profile.value?.email || '');

  /** Asks main once (concurrent callers share the call); `force` asks again. */
  function load(force = false): Promise<EnterpriseProfile | null> {
    if (loaded.value && !force) return Promise.resolve(profile.value);
    if (!loading) {
      loading = invoke('auth:current', {})
        .then((reply) => {
          profile.value = reply.profile;
          loaded.value = true;
          return reply.profile;
        })
        .finally(() => {
          loading = null;
        });
    }
    return loading;
  }

  /** Signs in; the reply also says whether it was offline and whether the token lasts only this session. */
  async function login(email: string, password: string): Promise<ReplyOf<'auth:login'>> {
    const reply = await invoke('auth:login', { email, password });
    profile.value = reply.profile;
    loaded.value = true;
    return reply;
  }

  async function logout(): Promise<void> {
    await invoke('auth:logout', {});
    profile.value = null;
    loaded.value = true;
  }

  function setProfile(next: EnterpriseProfile): void {
    profile.value = next;
  }

  return { profile, loaded, signedIn, enterpriseName, load, login, logout, setProfile };
});
