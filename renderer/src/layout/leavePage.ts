import { isNavigationFailure, NavigationFailureType, type Router } from 'vue-router';

/**
 * Goes to the home page before the session changes (sign-out, 切换单位). False when the user chose to
 * stay on a form with unsaved typing (the leave guard's 取消): then nothing else may happen.
 */
export async function leftThePage(router: Router): Promise<boolean> {
  const failure = await router.push('/');
  return !isNavigationFailure(failure, NavigationFailureType.aborted);
}
