import { describe, expect, it } from 'vitest';
import { alertRow } from '../alerts/test-fixtures';
import { isBehindSchedule } from './kpi';
import { mergeEscalated } from './escalated';

describe('the 督办 list', () => {
  it('merges open and acknowledged level-3 alerts, latest escalation first, and counts both', () => {
    const open = {
      items: [
        alertRow({ id: '1', level: 3, status: 'open', levelSince: '2026-05-01T09:00:00+08:00' }),
        alertRow({ id: '2', level: 3, status: 'open', levelSince: '2026-05-03T09:00:00+08:00' }),
      ],
      total: 5,
    };
    const acknowledged = {
      items: [alertRow({ id: '3', level: 3, status: 'acknowledged', levelSince: '2026-05-02T01:00:00Z' })],
      total: 1,
    };
    const merged = mergeEscalated([open, acknowledged], 2);
    expect(merged.items.map((alert) => alert.id)).toEqual(['2', '3']);
    expect(merged.total).toBe(6);
  });
});

describe('investment against 序时进度', () => {
  it('is behind when the completion rate shows lower than the schedule', () => {
    expect(isBehindSchedule(0.6, 0.75)).toBe(true);
    expect(isBehindSchedule(0.74996, 0.75)).toBe(false);
    expect(isBehindSchedule(0.8, 0.75)).toBe(false);
    expect(isBehindSchedule(null, 0.75)).toBe(false);
  });
});
