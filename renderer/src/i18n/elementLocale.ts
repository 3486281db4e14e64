import { computed } from 'vue';
import zhCn from 'element-plus/es/locale/lang/zh-cn';
import enLocale from 'element-plus/es/locale/lang/en';
import { locale } from './index';

/** Element Plus's own texts (dialog close buttons, empty lists…) follow the interface language. */
export const elementLocale = computed(() => (locale.value === 'en' ? enLocale : zhCn));
