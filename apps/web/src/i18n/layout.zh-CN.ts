/** The app shell's messages (zh-CN): breadcrumbs and the menu's buttons. */
const layoutZhCN = {
  layout: {
    home: '首页',
    breadcrumb: '当前位置',
    openMenu: '打开菜单',
    collapseMenu: '收起菜单',
    expandMenu: '展开菜单',
    projectDetail: '项目详情',
  },
};
export default layoutZhCN;
