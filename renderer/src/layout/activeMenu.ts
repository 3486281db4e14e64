import { computed, reactive } from 'vue';
import { useRoute } from 'vue-router';
import { MENU, TOOLS_MENU } from '../../../shared/menu';
import { documentDef, isDocumentKind } from '../../../shared/documents';
import { menuPathOfKind } from '../pages/flow/processes';
import { t } from '../i18n';
import { labelText, menuRootText, titleText, toolsRootText } from '../i18n/bilingual';

export interface Crumb {
  readonly label: string;
  readonly to?: string;
}

/** Which menu item the current page belongs to, and the breadcrumb leading to it. */
export function useActiveMenu() {
  const route = useRoute();

  const where = computed((): { menuPath: string; last: string } => {
    const kind = route.params.kind;
    if (isDocumentKind(kind)) {
      const def = documentDef(kind);
      const title = titleText(def);
      const tips = def.tips[Number(route.params.step) - 1];
      switch (route.name) {
        case 'flow-tips':
          return { menuPath: menuPathOfKind(kind, 'apply'), last: tips ? titleText(tips) : '' };
        case 'flow-number':
          return { menuPath: menuPathOfKind(kind, 'apply'), last: def.numberEntry ? labelText(def.numberEntry) : '' };
        case 'records-new':
          return { menuPath: menuPathOfKind(kind, 'apply'), last: t('crumbs.fill', { title }) };
        case 'records-edit':
          return { menuPath: menuPathOfKind(kind, 'query'), last: t('crumbs.edit', { title }) };
        case 'records-view':
          return { menuPath: menuPathOfKind(kind, 'query'), last: t('crumbs.view', { title }) };
        case 'records-list':
          return { menuPath: menuPathOfKind(kind, 'query'), last: t('crumbs.list', { title }) };
      }
    }
    const crumb = route.meta.crumb;
    return { menuPath: route.meta.menuPath ?? '', last: crumb ? t(`crumbs.${crumb}`) : '' };
  });

  const crumbs = computed((): Crumb[] => {
    const list: Crumb[] = [{ label: t('crumbs.home'), to: '/' }];
    const { menuPath, last } = where.value;
    const group = MENU.find((g) => g.items.some((i) => i.path === menuPath));
    const item = group?.items.find((i) => i.path === menuPath);
    const tool = TOOLS_MENU.find((i) => i.path === menuPath);
    if (group && item) {
      list.push({ label: menuRootText() }, { label: labelText(group) }, { label: labelText(item), to: item.path });
    } else if (tool) {
      list.push({ label: toolsRootText() }, { label: labelText(tool), to: tool.path });
    }
    if (last) list.push({ label: last });
    return list;
  });

  return reactive({ menuPath: computed(() => where.value.menuPath), crumbs });
}
