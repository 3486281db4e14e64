import { createApp } from 'vue';
import { createPinia } from 'pinia';
import ElementPlus from 'element-plus';
import zhCn from 'element-plus/es/locale/lang/zh-cn';
import 'element-plus/dist/index.css';
import './styles/main.css';
import App from './App.vue';
import { router } from './router';
import { useAppStore } from './stores/app';
import { useSyncStore } from './stores/sync';
import { showError } from './layout/errors';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
app.use(router);
app.use(ElementPlus, { locale: zhCn });

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

useAppStore(pinia).start();
useSyncStore(pinia).start();

app.mount('#app');
