import { computed, reactive } from 'vue';
import { useRoute } from 'vue-router';
import { MENU, MENU_ROOT, TOOLS_MENU, TOOLS_ROOT } from '../../../shared/menu';
import { documentDef, isDocumentKind } from '../../../shared/documents';
import { menuPathOfKind } from '../pages/flow/processes';

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
      switch (route.name) {
        case 'flow-tips':
          return { menuPath: menuPathOfKind(kind, 'apply'), last: def.tips[Number(route.params.step) - 1]?.title ?? '' };
        case 'flow-number':
          return { menuPath: menuPathOfKind(kind, 'apply'), last: def.numberEntry?.label ?? '' };
        case 'records-new':
          return { menuPath: menuPathOfKind(kind, 'apply'), last: `${def.title} · 填写` };
        case 'records-edit':
          return { menuPath: menuPathOfKind(kind, 'query'), last: `${def.title} · 修改` };
        case 'records-view':
          return { menuPath: menuPathOfKind(kind, 'query'), last: `${def.title} · 查看` };
        case 'records-list':
          return { menuPath: menuPathOfKind(kind, 'query'), last: `${def.title} · 查询` };
      }
    }
    return { menuPath: route.meta.menuPath ?? '', last: route.meta.crumb ?? '' };
  });

  const crumbs = computed((): Crumb[] => {
    const list: Crumb[] = [{ label: '首页', to: '/' }];
    const { menuPath, last } = where.value;
    const group = MENU.find((g) => g.items.some((i) => i.path === menuPath));
    const item = group?.items.find((i) => i.path === menuPath);
    const tool = TOOLS_MENU.find((i) => i.path === menuPath);
    if (group && item) {
      list.push({ label: MENU_ROOT }, { label: group.label }, { label: item.label, to: item.path });
    } else if (tool) {
      list.push({ label: TOOLS_ROOT }, { label: tool.label, to: tool.path });
    }
    if (last) list.push({ label: last });
    return list;
  });

  return reactive({ menuPath: computed(() => where.value.menuPath), crumbs });
}
