import { createRouter, createWebHashHistory, type RouteLocationNormalized, type RouteRecordRaw } from 'vue-router';
import { MENU_ITEMS } from '../../../shared/menu';
import type { DocumentKind } from '../../../shared/documents/types';
import { documentDef, isDocumentKind } from '../../../shared/documents';
import { useSessionStore } from '../stores/session';
import { useFlowStore } from '../stores/flow';
import { safeRedirect } from './redirect';
import LoginPage from '../pages/LoginPage.vue';
import { DERIVED_PROCESSES, type ProcessKey } from '../pages/flow/processes';

// the login page is the first screen: everything behind it loads when it is first needed
const AppLayout = () => import('../layout/AppLayout.vue');
const HomePage = () => import('../pages/HomePage.vue');
const ApplyPage = () => import('../pages/ApplyPage.vue');
const EmploymentQueryPage = () => import('../pages/EmploymentQueryPage.vue');
const SettingsPage = () => import('../pages/SettingsPage.vue');
const NotFoundPage = () => import('../pages/NotFoundPage.vue');
const TipsPage = () => import('../pages/flow/TipsPage.vue');
const NumberPage = () => import('../pages/flow/NumberPage.vue');
const QueryPage = () => import('../pages/documents/QueryPage.vue');
const FormPage = () => import('../pages/documents/FormPage.vue');
const ViewPage = () => import('../pages/documents/ViewPage.vue');
const RosterPage = () => import('../pages/roster/RosterPage.vue');
const PersonPage = () => import('../pages/roster/PersonPage.vue');
const DeadlinesPage = () => import('../pages/roster/DeadlinesPage.vue');
const BackupPage = () => import('../pages/data/BackupPage.vue');

export { safeRedirect };

const param = (to: RouteLocationNormalized, name: string): string => {
  const v = to.params[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
};

const label = (path: string): string => {
  const item = MENU_ITEMS.find((i) => i.path === path);
  if (!item) throw new Error(`menu path ${path} missing from shared/menu.ts`);
  return item.label;
};

const applyRoute = (path: string, process: ProcessKey): RouteRecordRaw => ({
  path,
  name: `apply-${process}`,
  component: ApplyPage,
  props: { process, title: label(path) },
  meta: { menuPath: path },
});

/** the four query menu items served by the document list page */
const queryRoute = (path: string, kind: DocumentKind): RouteRecordRaw => ({
  path,
  name: `query-${kind}`,
  component: QueryPage,
  props: { kind, title: label(path) },
  meta: { menuPath: path },
});

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: LoginPage, meta: { public: true } },
  {
    path: '/',
    component: AppLayout,
    children: [
      { path: '', name: 'home', component: HomePage },

      applyRoute('/license/apply', 'license'),
      queryRoute('/license/query', 'license'),
      applyRoute('/employment/apply', 'employment'),
      {
        path: '/employment/query',
        name: 'query-employment',
        component: EmploymentQueryPage,
        props: { title: label('/employment/query') },
        meta: { menuPath: '/employment/query' },
      },
      applyRoute('/extension/apply', 'extension'),
      queryRoute('/extension/query', 'extension'),
      applyRoute('/hmt-permit/apply', 'hmt-permit'),
      queryRoute('/hmt-permit/query', 'hmt-permit'),
      applyRoute('/hmt-extension/apply', 'hmt-extension'),
      queryRoute('/hmt-extension/query', 'hmt-extension'),
      // every further kind with its own menu items (today's work permits): from its definition
      ...DERIVED_PROCESSES.flatMap((p) => p.kinds.flatMap((kind) => [applyRoute(p.applyPath, p.key), queryRoute(p.queryPath, kind)])),

      {
        path: '/flow/:kind/tips/:step(\\d+)',
        name: 'flow-tips',
        component: TipsPage,
        props: (to) => ({ kind: param(to, 'kind'), step: Number(param(to, 'step')) }),
      },
      {
        path: '/flow/:kind/number',
        name: 'flow-number',
        component: NumberPage,
        props: (to) => ({ kind: param(to, 'kind') }),
      },

      {
        path: '/records/:kind/list',
        name: 'records-list',
        component: QueryPage,
        props: (to) => ({ kind: param(to, 'kind'), title: undefined }),
      },
      {
        path: '/records/:kind/new',
        name: 'records-new',
        component: FormPage,
        props: (to) => ({ kind: param(to, 'kind') }),
      },
      {
        path: '/records/:kind/:id/edit',
        name: 'records-edit',
        component: FormPage,
        props: (to) => ({ kind: param(to, 'kind'), id: param(to, 'id') }),
      },
      {
        path: '/records/:kind/:id',
        name: 'records-view',
        component: ViewPage,
        props: (to) => ({ kind: param(to, 'kind'), id: param(to, 'id') }),
      },

      { path: '/roster', name: 'roster', component: RosterPage, meta: { menuPath: '/roster' } },
      // before /roster/:id, which would otherwise take "new" for an id
      {
        path: '/roster/new',
        name: 'person-new',
        component: PersonPage,
        meta: { menuPath: '/roster', crumb: 'newPerson' },
      },
      {
        path: '/roster/:id',
        name: 'person',
        component: PersonPage,
        props: (to) => ({ id: param(to, 'id') }),
        meta: { menuPath: '/roster', crumb: 'person' },
      },
      { path: '/deadlines', name: 'deadlines', component: DeadlinesPage, meta: { menuPath: '/deadlines' } },
      { path: '/data/backup', name: 'backup', component: BackupPage, meta: { menuPath: '/data/backup' } },

      { path: '/settings', name: 'settings', component: SettingsPage, meta: { crumb: 'settings' } },
      { path: '/:pathMatch(.*)*', name: 'not-found', component: NotFoundPage, meta: { crumb: 'notFound' } },
    ],
  },
];

export const router = createRouter({
  history: createWebHashHistory(),
  routes,
  scrollBehavior: () => ({ top: 0 }),
});

const notFound = (to: RouteLocationNormalized) => ({
  name: 'not-found',
  params: { pathMatch: to.path.replace(/^\//, '').split('/') },
  query: to.query,
  hash: to.hash,
  replace: true,
});

router.beforeEach(async (to) => {
  const session = useSessionStore();
  if (!session.loaded) {
    try {
      await session.load();
    } catch {
      // local service unreachable: stay signed out; the login page reports the failure
    }
  }
  if (to.meta.public) {
    return session.signedIn && to.name === 'login' ? safeRedirect(to.query.redirect) : true;
  }
  if (!session.signedIn) {
    return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath }, replace: true };
  }

  // every route with a :kind takes one of the seven document kinds
  if ('kind' in to.params && !isDocumentKind(param(to, 'kind'))) return notFound(to);

  if (to.name === 'flow-tips') {
    const kind = param(to, 'kind') as DocumentKind;
    const pages = documentDef(kind).tips.length;
    const step = Number(param(to, 'step'));
    if (!Number.isInteger(step) || step < 1 || step > pages) return notFound(to);
    const flow = useFlowStore();
    // a later page only after the pages before it were ticked through
    if (step > flow.passedCount(kind) + 1) {
      return { name: 'flow-tips', params: { kind, step: String(flow.passedCount(kind) + 1) }, replace: true };
    }
    flow.enter(kind, step);
  }

  if (to.name === 'flow-number') {
    const kind = param(to, 'kind') as DocumentKind;
    const def = documentDef(kind);
    if (!def.numberEntry) return notFound(to);
    const flow = useFlowStore();
    if (flow.passedCount(kind) < def.tips.length) {
      return { name: 'flow-tips', params: { kind, step: String(flow.passedCount(kind) + 1) }, replace: true };
    }
  }
  return true;
});
