import type { ForecastPhase } from '@luodi/domain';
/** 预计开工 messages (zh-CN): the project page's forecast card and its Gantt. */
const forecastZhCN = {
  forecast: {
    card: {
      title: '预计开工',
      asOf: '截至 {date}',
      promiseBound: '承诺日期',
      promiseBoundHint: '各部门均按承诺时限办结时的开工日期',
      p50: 'P50 日期',
      p50Hint: '一半可能在此日前开工',
      p80: 'P80 日期',
      p80Hint: '八成可能在此日前开工',
      plannedStart: '计划开工',
      noPlannedStart: '未填计划开工日期',
      startableNow: '施工许可已批准，可开工（{date}）',
      constructRejected: '施工许可被驳回，需重新申请后才能预测',
      risk: { 0: '按期', 1: '开工有风险', 2: '开工严重滞后' },
      binding: '关键事项：{item}（{department}）',
      noHistory: '暂无办理历史，按承诺时限预测',
      hidden: '另有 {n} 个其他部门的事项未显示',
      noRoute: '应用审批路线后可预计开工日期',
      legend: { planned: '承诺时限', path: '关键路径' },
      phases: { decided: '已办结', open: '办理中', waiting: '未开始' } satisfies Record<
        ForecastPhase,
        string
      >,
      chart: {
        today: '今天',
        promiseBound: '承诺',
        p50: 'P50',
        p80: 'P80',
        plannedStart: '计划开工',
        plannedBar: '承诺时限',
        forecastBar: '预计',
        deadline: '办结时限',
        bindingPath: '关键路径',
        rejected: '已驳回',
        noData: '暂无可显示的事项',
      },
      stage: '阶段{n}',
    },
  },
};
export default forecastZhCN;
