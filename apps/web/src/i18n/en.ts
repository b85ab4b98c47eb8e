import type { MessageSchema } from './zh-CN';

const en: MessageSchema = {
  app: {
    name: '落地 · Luodi',
    subtitle: 'Investment project landing',
    language: 'Language',
  },
  locale: {
    'zh-CN': '中文',
    en: 'English',
  },
  nav: {
    cockpit: 'Cockpit',
    projects: 'Projects',
    keyWorks: 'Key works',
    approvals: 'Approvals',
    alerts: 'Alerts',
    system: 'System',
    systemStatus: 'System status',
  },
  module: {
    building: 'This module is being built. Coming soon.',
  },
  notFound: {
    title: 'Page not found',
    description: 'The page you asked for does not exist or was removed.',
    back: 'Back to the start page',
  },
  status: {
    title: 'System status',
    refresh: 'Refresh',
    overall: 'Overall',
    lastChecked: 'Last checked',
    httpStatus: 'HTTP status',
    autoRefresh: 'Refreshes every {seconds} s',
    database: 'Database',
    queue: 'Job queue',
    worker: 'Background worker',
    workerStatus: 'Status',
    lastHeartbeat: 'Last heartbeat',
    heartbeatAge: 'Heartbeat age',
    seconds: '{n} s',
    none: '—',
    unreachable: 'Cannot reach the server',
    serverMessage: 'Server says',
    history: 'Recent status',
    values: {
      ok: 'OK',
      error: 'Error',
      unreachable: 'Unreachable',
      up: 'Up',
      down: 'Down',
      stale: 'Stale',
      unknown: 'Not seen',
    },
    chart: {
      workerAge: 'Worker heartbeat age (s)',
      seconds: 's',
      up: 'Up',
      degraded: 'Warning',
      down: 'Down',
      noData: 'No data yet',
    },
  },
};

export default en;
