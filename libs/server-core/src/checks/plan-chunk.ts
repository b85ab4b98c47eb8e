import {
  type AlertLevel,
  AlertStatus,
  businessDateOf,
  type Condition,
  type IsoDate,
  targetLevel,
  type WorkingCalendar,
} from '@luodi/domain';
import type { AlertEntity, CheckedAlert } from '@luodi/persistence';

/** One alert row to write (complete for an existing alert, new for a raise). */
interface AlertChange {
  row: Partial<AlertEntity>;
  /** Whose outbox rows: the department of the condition now (null: district-wide, admins). */
  departmentId: string | null;
}

/** What one chunk changes, from its conditions and its alerts as they are. */
export interface ChunkPlan {
  raised: AlertChange[];
  reopened: AlertChange[];
  escalated: AlertChange[];
  /** Alerts whose shown facts changed, with nobody to notify. */
  detailOnly: AlertChange[];
  resolved: CheckedAlert[];
}

export function planIsEmpty(plan: ChunkPlan): boolean {
  return (
    plan.raised.length +
      plan.reopened.length +
      plan.escalated.length +
      plan.detailOnly.length +
      plan.resolved.length ===
    0
  );
}

/** Ids as numbers in text: shorter first, then by text (the order of the numbers). */
export function byNumericId(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * The changes of one chunk (domain §5): each holding condition raises its alert, reopens a resolved one
 * (a new round), escalates it or only refreshes its facts; an unresolved alert of an evaluated subject
 * whose condition no longer holds resolves. Pure: the caller reads `existing` (under lock to write).
 */
export function planChunk(
  subjectIds: readonly string[],
  conditions: ReadonlyMap<string, readonly Condition[]>,
  existing: readonly CheckedAlert[],
  calendar: WorkingCalendar,
  today: IsoDate,
  now: Date,
): ChunkPlan {
  const plan: ChunkPlan = { raised: [], reopened: [], escalated: [], detailOnly: [], resolved: [] };
  const alerts = new Map(existing.map((alert) => [`${alert.subjectId}:${alert.kind}`, alert]));
  const holding = new Set<string>();
  for (const subjectId of subjectIds) {
    for (const condition of conditions.get(subjectId) ?? []) {
      const key = `${condition.subjectId}:${condition.kind}`;
      holding.add(key);
      const alert = alerts.get(key);
      const level = targetLevel(
        condition,
        alert
          ? {
              level: alert.level as AlertLevel,
              acknowledgedLevel: (alert.acknowledgedLevel as AlertLevel | null) ?? null,
              levelSinceDay: businessDateOf(alert.levelSince),
              resolved: alert.status === AlertStatus.resolved,
            }
          : null,
        calendar,
        today,
      );
      const detail = JSON.stringify(condition.detail);
      if (!alert) {
        plan.raised.push({
          row: {
            kind: condition.kind,
            subjectType: condition.subjectType,
            subjectId: condition.subjectId,
            projectId: condition.projectId,
            departmentId: condition.departmentId,
            level,
            round: 0,
            status: AlertStatus.open,
            detail,
            raisedAt: now,
            levelSince: now,
          },
          departmentId: condition.departmentId,
        });
      } else if (alert.status === AlertStatus.resolved) {
        plan.reopened.push({
          row: {
            ...alert,
            level,
            round: alert.round + 1,
            status: AlertStatus.open,
            acknowledgedLevel: null,
            acknowledgedAt: null,
            acknowledgedBy: null,
            ackNote: null,
            detail,
            levelSince: now,
            resolvedAt: null,
          },
          departmentId: condition.departmentId,
        });
      } else if (level > alert.level) {
        plan.escalated.push({
          row: { ...alert, level, status: AlertStatus.open, detail, levelSince: now },
          departmentId: condition.departmentId,
        });
      } else if (alert.detail !== detail) {
        plan.detailOnly.push({ row: { ...alert, detail }, departmentId: condition.departmentId });
      }
    }
  }
  const evaluated = new Set(subjectIds);
  for (const alert of existing) {
    if (alert.status === AlertStatus.resolved || !evaluated.has(String(alert.subjectId))) continue;
    if (!holding.has(`${alert.subjectId}:${alert.kind}`)) plan.resolved.push(alert);
  }
  return plan;
}
