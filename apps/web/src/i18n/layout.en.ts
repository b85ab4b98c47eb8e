import type layoutZhCN from './layout.zh-CN';

/** The app shell's messages (English): breadcrumbs and the menu's buttons. */
const layoutEn: typeof layoutZhCN = {
  layout: {
    home: 'Home',
    breadcrumb: 'You are here',
    openMenu: 'Open the menu',
    collapseMenu: 'Collapse the menu',
    expandMenu: 'Expand the menu',
    projectDetail: 'Project',
  },
};
export default layoutEn;
