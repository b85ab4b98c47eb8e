/** Simplified Chinese, the product's first language. Every other locale has exactly these keys. */
const zhCN = {
  app: {
    name: '落地 · Luodi',
    subtitle: '招商项目落地管理',
    language: '语言',
  },
  locale: {
    'zh-CN': '中文',
    en: 'English',
  },
  nav: {
    cockpit: '驾驶舱',
    projects: '项目',
    keyWorks: '重点工程',
    approvals: '审批',
    alerts: '预警',
    system: '系统',
    systemStatus: '系统状态',
  },
  module: {
    building: '该模块正在建设中，敬请期待。',
  },
  notFound: {
    title: '页面不存在',
    description: '您访问的页面不存在或已被移除。',
    back: '返回首页',
  },
  status: {
    title: '系统状态',
    refresh: '刷新',
    overall: '总体状态',
    lastChecked: '最近检查',
    httpStatus: 'HTTP 状态码',
    autoRefresh: '每 {seconds} 秒自动刷新',
    database: '数据库',
    queue: '任务队列',
    worker: '后台任务进程',
    workerStatus: '进程状态',
    lastHeartbeat: '最近心跳',
    heartbeatAge: '心跳间隔',
    seconds: '{n} 秒',
    none: '—',
    unreachable: '无法连接服务器',
    serverMessage: '服务器提示',
    history: '最近状态',
    values: {
      ok: '正常',
      error: '异常',
      unreachable: '无法连接',
      up: '正常',
      down: '停止',
      stale: '心跳超时',
      unknown: '未发现',
    },
    chart: {
      workerAge: '任务进程心跳间隔（秒）',
      seconds: '秒',
      up: '正常',
      degraded: '告警',
      down: '停止',
      noData: '暂无数据',
    },
  },
};

export type MessageSchema = typeof zhCN;
export default zhCN;
