import { describe, expect, it } from 'vitest';
import { median, rankDepartments, scoreCode, weightedMedian } from './scorecard';

const base = { processingDays: [], ackHours: [], deemed: 0, overdueOpen: 0 };

describe('department scorecard', () => {
  it('takes the median of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('takes the weighted median as the median of the values repeated by their counts', () => {
    expect(weightedMedian([])).toBeNull();
    expect(weightedMedian([{ value: 7, count: 0 }])).toBeNull();
    expect(weightedMedian([{ value: 4, count: 1 }])).toBe(4);
    // [1, 3, 3, 5, 5, 5] → (3 + 5) / 2, whatever the order of the groups.
    expect(
      weightedMedian([
        { value: 5, count: 3 },
        { value: 1, count: 1 },
        { value: 3, count: 2 },
      ]),
    ).toBe(4);
    // [1, 3, 3, 5, 5] → 3; a group of count 0 counts for nothing.
    expect(
      weightedMedian([
        { value: 3, count: 2 },
        { value: 9, count: 0 },
        { value: 1, count: 1 },
        { value: 5, count: 2 },
      ]),
    ).toBe(3);
    // Both middle values inside one group.
    expect(weightedMedian([{ value: 2.5, count: 4 }])).toBe(2.5);
  });

  it('agrees with median on the expanded list', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    for (let round = 0; round < 200; round += 1) {
      const groups = Array.from({ length: random(6) }, () => ({
        value: random(20) - 5 + random(4) / 4,
        count: random(5),
      }));
      const expanded = groups.flatMap((group) => Array<number>(group.count).fill(group.value));
      expect(weightedMedian(groups)).toBe(median(expanded));
    }
  });

  it('codes red, yellow and green', () => {
    expect(scoreCode(0.79, 0, 0)).toBe('red');
    expect(scoreCode(1, 3, 0)).toBe('red');
    expect(scoreCode(1, 0, 1)).toBe('red');
    expect(scoreCode(0.9, 0, 0)).toBe('yellow');
    expect(scoreCode(1, 1, 0)).toBe('yellow');
    expect(scoreCode(0.95, 0, 0)).toBe('green');
    expect(scoreCode(null, 0, 0)).toBe('green');
  });

  it('ranks by on-time rate, then overdue, with departments that decided nothing last', () => {
    const ranked = rankDepartments([
      { ...base, departmentId: '1', departmentName: '住建局', handled: 4, onTime: 3 },
      { ...base, departmentId: '2', departmentName: '自然资源局', handled: 5, onTime: 5, overdueOpen: 1 },
      { ...base, departmentId: '3', departmentName: '发改局', handled: 2, onTime: 2 },
      { ...base, departmentId: '4', departmentName: '生态环境局', handled: 0, onTime: 0 },
    ]);
    expect(ranked.map((score) => [score.rank, score.departmentId, score.onTimeRate, score.code])).toEqual([
      [1, '3', 1, 'green'],
      [2, '2', 1, 'yellow'],
      [3, '1', 0.75, 'red'],
      [4, '4', null, 'green'],
    ]);
  });
});
