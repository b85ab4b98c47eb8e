import type forecastAccuracyZhCN from './forecast-accuracy.zh-CN';

/** Forecast accuracy messages (English), the same keys as the zh-CN file. */
const forecastAccuracyEn: typeof forecastAccuracyZhCN = {
  forecastAccuracy: {
    title: 'Forecast accuracy',
    hint: 'Month-end start forecasts kept, against the actual start (CONSTRUCT approved) of projects that started; the share within P80 should be near 80%',
    department: 'Department',
    overall: 'All',
    snapshots: 'Snapshots',
    mae: 'Mean error (working days)',
    withinP80: 'Started within P80',
    none: 'No forecast snapshot of a started project yet',
  },
};
export default forecastAccuracyEn;
