import 'vue-router';

declare module 'vue-router' {
  interface RouteMeta {
    /** reachable without a signed-in profile (the login page) */
    public?: boolean;
    /** the left-menu item this page belongs to: highlighted in the menu, first breadcrumb levels */
    menuPath?: string;
    /** the last breadcrumb level when the page is not the menu item itself (a key of the catalogues' crumbs) */
    crumb?: 'newPerson' | 'person' | 'settings' | 'notFound';
  }
}
