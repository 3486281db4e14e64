/**
 * The Element Plus components the templates use as <el-…> tags, registered one by one: installing
 * the whole library put ~250 KB (gzip) of unused components into the first screen's JavaScript.
 * Pages that import a component themselves (import { ElTable } from 'element-plus') need nothing here.
 */
import type { App, Component } from 'vue';
import {
  ElAlert,
  ElBreadcrumb,
  ElBreadcrumbItem,
  ElButton,
  ElConfigProvider,
  ElDialog,
  ElForm,
  ElFormItem,
  ElIcon,
  ElInput,
  ElInputNumber,
  ElMenu,
  ElMenuItem,
  ElStep,
  ElSteps,
  ElSubMenu,
  ElTooltip,
} from 'element-plus';

const TAGS: Record<string, Component> = {
  ElAlert,
  ElBreadcrumb,
  ElBreadcrumbItem,
  ElButton,
  ElConfigProvider,
  ElDialog,
  ElForm,
  ElFormItem,
  ElIcon,
  ElInput,
  ElInputNumber,
  ElMenu,
  ElMenuItem,
  ElStep,
  ElSteps,
  ElSubMenu,
  ElTooltip,
};

export function registerElementPlus(app: App): void {
  for (const [name, component] of Object.entries(TAGS)) app.component(name, component);
}
