/** 预测准确度 messages (zh-CN): the cockpit's table of the kept month-end forecasts. */
const forecastAccuracyZhCN = {
  forecastAccuracy: {
    title: '预测准确度',
    hint: '每月末保存的开工预测，与已开工项目的实际开工（施工许可批准日）相比；P80 内开工占比应接近 80%',
    department: '部门',
    overall: '全部',
    snapshots: '快照数',
    mae: '平均误差(工作日)',
    withinP80: 'P80 内开工占比',
    none: '暂无已开工项目的预测快照',
  },
};
export default forecastAccuracyZhCN;
