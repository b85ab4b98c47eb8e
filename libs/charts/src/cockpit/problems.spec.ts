import { describe, expect, it } from 'vitest';
import { problemsOption } from './problems';

const figures = {
  open: 5,
  overdue: 2,
  closedInPeriod: 3,
  onTimeRate: 2 / 3,
  medianWorkingDaysToClose: 4,
  byCategory: [
    { category: 'land' as const, open: 3, overdue: 2 },
    { category: 'energy' as const, open: 2, overdue: 0 },
  ],
  byOwner: [{ departmentId: '7', departmentName: '自然资源局', open: 5, overdue: 2 }],
};
const labels = {
  open: '未逾期',
  overdue: '逾期',
  name: (key: string) => ({ land: '用地', energy: '能评' })[key] ?? key,
  noData: '无',
};

describe('problems chart', () => {
  it('stacks not-overdue and overdue per category, each bar drilling to the list that totals it', () => {
    const option = problemsOption(figures, 'category', labels) as any;
    expect(option.xAxis.data).toEqual(['用地', '能评']);
    expect(option.series[0].data).toEqual([
      { value: 1, drill: { category: 'land', open: 'true', overdue: 'false' } },
      { value: 2, drill: { category: 'energy', open: 'true', overdue: 'false' } },
    ]);
    expect(option.series[1].data[0]).toEqual({
      value: 2,
      drill: { category: 'land', open: 'true', overdue: 'true' },
    });
  });

  it('by owner department, and a no-data title when there is nothing open', () => {
    const option = problemsOption(figures, 'owner', labels) as any;
    expect(option.series[1].data[0].drill).toEqual({ ownerDepartmentId: '7', open: 'true', overdue: 'true' });
    expect((problemsOption({ ...figures, byCategory: [] }, 'category', labels) as any).title.text).toBe('无');
  });
});
