import { rate } from '../figures/figures';

/** The department scorecard (效能, for 政风行风评议) — domain §6. */
export interface DepartmentScoreInput {
  departmentId: string;
  departmentName: string;
  handled: number;
  onTime: number;
  deemed: number;
  overdueOpen: number;
  /** Working days from acceptance to decision of the milestones decided in the year, with their counts. */
  processingDays: readonly WeightedValue[];
  /** Hours from an alert reaching the department to its acknowledgement, with their counts. */
  ackHours: readonly WeightedValue[];
}

/** A value occurring `count` times (a grouped count from the database). */
export interface WeightedValue {
  value: number;
  count: number;
}

/** A department's 红黄码 on the scorecard. */
export type ScoreCode = 'green' | 'yellow' | 'red';

/** A department's row of the scorecard, ranked (the API answers these). */
export interface DepartmentScore {
  rank: number;
  departmentId: string;
  departmentName: string;
  handled: number;
  onTimeRate: number | null;
  medianWorkingDays: number | null;
  overdueOpen: number;
  deemedApprovals: number;
  medianAckHours: number | null;
  /** 红黄码: red below 80% on time or with 3+ overdue or any 超时默认; yellow below 95% or any overdue. */
  code: ScoreCode;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The median of values given with their multiplicities — the same as `median` of the list where each
 * value is repeated `count` times (an even total averages the two middle values). Counts of 0 or less
 * are ignored.
 */
export function weightedMedian(values: readonly WeightedValue[]): number | null {
  const sorted = values.filter((entry) => entry.count > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, entry) => sum + entry.count, 0);
  if (total === 0) return null;
  /** The value at a 0-based position of the expanded sorted list. */
  const at = (position: number): number => {
    let seen = 0;
    for (const entry of sorted) {
      seen += entry.count;
      if (position < seen) return entry.value;
    }
    return sorted[sorted.length - 1]!.value;
  };
  const middle = Math.floor(total / 2);
  return total % 2 ? at(middle) : (at(middle - 1) + at(middle)) / 2;
}

export function scoreCode(onTimeRate: number | null, overdueOpen: number, deemed: number): ScoreCode {
  if ((onTimeRate !== null && onTimeRate < 0.8) || overdueOpen >= 3 || deemed > 0) return 'red';
  if ((onTimeRate !== null && onTimeRate < 0.95) || overdueOpen > 0) return 'yellow';
  return 'green';
}

/**
 * Rank departments: by on-time rate (highest first; departments that decided nothing come after
 * those that did), then fewer overdue, fewer deemed approvals, more handled, then name.
 */
export function rankDepartments(inputs: readonly DepartmentScoreInput[]): DepartmentScore[] {
  const scored = inputs.map((input) => {
    const onTimeRate = rate(input.onTime, input.handled);
    return {
      departmentId: input.departmentId,
      departmentName: input.departmentName,
      handled: input.handled,
      onTimeRate,
      medianWorkingDays: weightedMedian(input.processingDays),
      overdueOpen: input.overdueOpen,
      deemedApprovals: input.deemed,
      medianAckHours: weightedMedian(input.ackHours),
      code: scoreCode(onTimeRate, input.overdueOpen, input.deemed),
    };
  });
  scored.sort(
    (a, b) =>
      (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) ||
      a.overdueOpen - b.overdueOpen ||
      a.deemedApprovals - b.deemedApprovals ||
      b.handled - a.handled ||
      a.departmentName.localeCompare(b.departmentName, 'zh-CN'),
  );
  return scored.map((score, index) => ({ rank: index + 1, ...score }));
}
