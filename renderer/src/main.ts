import { computed, createApp } from 'vue';
import { createPinia } from 'pinia';
import { provideGlobalConfig } from 'element-plus';
import 'element-plus/dist/index.css';
import './styles/main.css';
import App from './App.vue';
import { router } from './router';
import { useAppStore } from './stores/app';
import { useSyncStore } from './stores/sync';
import { showError } from './layout/errors';
import { retryFailedStylesheets } from './layout/stylesheetRetry';
import { applyLocale, i18n } from './i18n';
import { elementLocale } from './i18n/elementLocale';
import { registerElementPlus } from './elementPlus';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
app.use(router);
app.use(i18n);
registerElementPlus(app);
// the app-wide config reaches what is mounted outside App.vue's tree (message boxes, the print preview)
provideGlobalConfig(computed(() => ({ locale: elementLocale.value })), app, true);
applyLocale(i18n.global.locale.value);

// unexpected errors are shown, never crash the window
app.config.errorHandler = (err, _instance, info) => {
  console.error('[permit-desk]', info, err);
  showError(err);
};
window.addEventListener('unhandledrejection', (event) => {
  console.error('[permit-desk] unhandled rejection', event.reason);
  showError(event.reason);
  event.preventDefault();
});
router.onError((err) => showError(err));
retryFailedStylesheets();

useAppStore(pinia).start();
useSyncStore(pinia).start();

app.mount('#app');
