import { ProblemEventType, ProblemStatus, UNFINISHED_PROBLEM_STATUSES } from '@luodi/domain';
import type { MeetingAgenda } from '@luodi/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { MeetingAttendeeEntity, MeetingDecisionEntity, MeetingEntity } from '../entities/meeting.entity';
import { sqlValue } from '../sql-values';
import { isRowId, lockRowById, type PageRequest, stringColumns, saveNew } from './query-helpers';

/** The business day (Asia/Shanghai, UTC+8 all year) of a stored UTC moment, in SQL. */
const dayOf = (column: string) => `DATE(${column} + INTERVAL 8 HOUR)`;

/** A problem's status as of a day: its latest status event up to that day (open before any). */
const STATUS_AS_OF = `COALESCE((SELECT e.to_status FROM problem_event e
   WHERE e.problem_id = q.id AND e.to_status IS NOT NULL AND ${dayOf('e.at')} <= ?
   ORDER BY e.at DESC, e.id DESC LIMIT 1), ${sqlValue(ProblemStatus.open)})`;

/**
 * A problem's due date as of a day: the one its latest due change up to that day set, else the one it
 * was raised with (its raising may be recorded after a backdated `raised_at`), else today's.
 */
const DUE_AS_OF = `COALESCE(
   (SELECT e.due_date FROM problem_event e
     WHERE e.problem_id = q.id AND e.type = ${sqlValue(ProblemEventType.due_changed)} AND e.due_date IS NOT NULL
       AND ${dayOf('e.at')} <= ? ORDER BY e.at DESC, e.id DESC LIMIT 1),
   (SELECT e.due_date FROM problem_event e
     WHERE e.problem_id = q.id AND e.type = ${sqlValue(ProblemEventType.raised)} ORDER BY e.id LIMIT 1),
   q.due_date)`;

/**
 * A problem's owner department as of a day: the one its latest reassignment up to that day set, else
 * the one it was raised with, else today's (`problem_event.owner_department_id`, as for the due date).
 */
const OWNER_AS_OF = `COALESCE(
   (SELECT e.owner_department_id FROM problem_event e
     WHERE e.problem_id = q.id AND e.type = ${sqlValue(ProblemEventType.reassigned)}
       AND e.owner_department_id IS NOT NULL AND ${dayOf('e.at')} <= ? ORDER BY e.at DESC, e.id DESC LIMIT 1),
   (SELECT e.owner_department_id FROM problem_event e
     WHERE e.problem_id = q.id AND e.type = ${sqlValue(ProblemEventType.raised)} ORDER BY e.id LIMIT 1),
   q.owner_department_id)`;

export interface AgendaProblemFact {
  id: string;
  code: string;
  category: string;
  ownerDepartmentId: string;
  ownerDepartmentName: string;
  projectName: string;
  description: string;
  dueDate: string;
  status: string;
  overdue: boolean;
}

export interface MeetingRow extends MeetingEntity {
  chairName: string;
  attendees: Array<{ id: string; name: string }>;
}

export interface DecisionRow extends MeetingDecisionEntity {
  problemCode: string;
  projectName: string;
  ownerDepartmentName: string;
}

/** All SQL on `meeting`, `meeting_attendee`, `meeting_decision`. */
export class MeetingRepository {
  constructor(private readonly dataSource: DataSource) {}

  private async rows(meetings: MeetingEntity[], manager?: EntityManager): Promise<MeetingRow[]> {
    if (!meetings.length) return [];
    const runner = manager ?? this.dataSource.manager;
    const ids = meetings.map((meeting) => meeting.id);
    const marks = ids.map(() => '?').join(',');
    const attendees = (await runner.query(
      `SELECT a.meeting_id AS meetingId, d.id, d.name FROM meeting_attendee a JOIN department d ON d.id = a.department_id
        WHERE a.meeting_id IN (${marks}) ORDER BY d.id`,
      ids,
    )) as Array<{ meetingId: string; id: string; name: string }>;
    const chairs = (await runner.query(
      `SELECT m.id, u.display_name AS name FROM meeting m JOIN app_user u ON u.id = m.chair_user_id WHERE m.id IN (${marks})`,
      ids,
    )) as Array<{ id: string; name: string }>;
    return meetings.map((meeting) =>
      Object.assign(meeting, {
        chairName: chairs.find((chair) => String(chair.id) === meeting.id)?.name ?? '',
        attendees: attendees
          .filter((row) => String(row.meetingId) === meeting.id)
          .map((row) => ({ id: String(row.id), name: row.name })),
      }),
    );
  }

  async list(page: PageRequest): Promise<{ items: MeetingRow[]; total: number }> {
    const [items, total] = await this.dataSource.getRepository(MeetingEntity).findAndCount({
      order: { date: 'DESC', id: 'DESC' },
      skip: (page.page - 1) * page.pageSize,
      take: page.pageSize,
    });
    return { items: await this.rows(items), total };
  }

  async findById(id: string, manager?: EntityManager): Promise<MeetingRow | null> {
    if (!isRowId(id)) return null;
    const meeting = await (manager ?? this.dataSource.manager).getRepository(MeetingEntity).findOneBy({ id });
    return meeting ? ((await this.rows([meeting], manager))[0] ?? null) : null;
  }

  lockById(id: string, manager: EntityManager): Promise<MeetingEntity | null> {
    return lockRowById(manager, MeetingEntity, 'm', id);
  }

  /** The latest meeting before `date` (or on it, created earlier), for "closed since the previous meeting". */
  async previousDate(meeting: { id: string; date: string }): Promise<string | null> {
    const [row] = (await this.dataSource.query(
      'SELECT date FROM meeting WHERE (date < ? OR (date = ? AND id < ?)) ORDER BY date DESC, id DESC LIMIT 1',
      [meeting.date, meeting.date, meeting.id],
    )) as Array<{ date: string }>;
    return row?.date ?? null;
  }

  async create(
    data: Partial<MeetingEntity>,
    attendeeIds: readonly string[],
    manager: EntityManager,
  ): Promise<MeetingEntity> {
    const saved = await saveNew(manager, MeetingEntity, data);
    for (const departmentId of new Set(attendeeIds))
      await saveNew(manager, MeetingAttendeeEntity, { meetingId: saved.id, departmentId });
    return saved;
  }

  async update(
    entity: MeetingEntity,
    changes: Partial<MeetingEntity>,
    manager: EntityManager,
  ): Promise<void> {
    Object.assign(entity, changes);
    await manager.getRepository(MeetingEntity).save(entity);
  }

  async nextDecisionSeq(meetingId: string, manager: EntityManager): Promise<number> {
    const [row] = (await manager.query(
      'SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM meeting_decision WHERE meeting_id = ?',
      [meetingId],
    )) as Array<{ n: string | number }>;
    return Number(row!.n);
  }

  async addDecision(
    data: Partial<MeetingDecisionEntity>,
    manager: EntityManager,
  ): Promise<MeetingDecisionEntity> {
    return saveNew(manager, MeetingDecisionEntity, data);
  }

  async decisions(meetingId: string, manager?: EntityManager): Promise<DecisionRow[]> {
    const rows = (await (manager ?? this.dataSource.manager).query(
      `SELECT md.id, md.seq, md.kind, md.problem_id AS problemId, md.text, md.owner_department_id AS ownerDepartmentId,
              md.co_department_ids AS coDepartmentIds, md.due_date AS dueDate, md.lead_official AS leadOfficial,
              md.supervised, md.meeting_id AS meetingId, md.created_by AS createdBy, md.created_at AS createdAt,
              q.code AS problemCode, p.name AS projectName, d.name AS ownerDepartmentName
         FROM meeting_decision md
         JOIN problem q ON q.id = md.problem_id
         JOIN project p ON p.id = q.project_id
         JOIN department d ON d.id = md.owner_department_id
        WHERE md.meeting_id = ? ORDER BY md.seq`,
      [meetingId],
    )) as Array<Record<string, unknown>>;
    return rows.map((row) =>
      Object.assign(new MeetingDecisionEntity(), {
        id: String(row['id']),
        meetingId: String(row['meetingId']),
        seq: Number(row['seq']),
        kind: row['kind'] as MeetingDecisionEntity['kind'],
        ...stringColumns(row, 'problemId text ownerDepartmentId coDepartmentIds dueDate'),
        leadOfficial: (row['leadOfficial'] as string | null) ?? null,
        supervised: Boolean(Number(row['supervised'])),
        createdBy: String(row['createdBy']),
        createdAt: row['createdAt'] as Date,
        ...stringColumns(row, 'problemCode projectName ownerDepartmentName'),
      }),
    );
  }

  async findDecision(id: string): Promise<MeetingDecisionEntity | null> {
    if (!isRowId(id)) return null;
    return this.dataSource.getRepository(MeetingDecisionEntity).findOneBy({ id });
  }

  // --- the agenda as of a day (dispatch.md §2) -------------------------------------------------------

  /**
   * Problems raised by `day` and not closed as of it, with their owner, due date and status then (from
   * their history) and whether overdue then.
   */
  async agendaProblems(day: string): Promise<AgendaProblemFact[]> {
    const rows = (await this.dataSource.query(
      `SELECT t.*, d.name AS ownerDepartmentName FROM (
         SELECT q.id, q.code, q.category, ${OWNER_AS_OF} AS ownerDepartmentId,
                p.name AS projectName, q.description, ${DUE_AS_OF} AS dueDate, ${STATUS_AS_OF} AS status
           FROM problem q JOIN project p ON p.id = q.project_id
          WHERE q.raised_at <= ?) t
         JOIN department d ON d.id = t.ownerDepartmentId
        WHERE t.status <> ${sqlValue(ProblemStatus.closed)}
        ORDER BY t.category, t.ownerDepartmentId, t.dueDate, t.id`,
      [day, day, day, day],
    )) as Array<Record<string, unknown>>;
    const unfinished: readonly string[] = UNFINISHED_PROBLEM_STATUSES;
    return rows.map((row) => ({
      ...stringColumns(
        row,
        'id code category ownerDepartmentId ownerDepartmentName projectName description dueDate status',
      ),
      overdue: unfinished.includes(String(row['status'])) && String(row['dueDate']) < day,
    }));
  }

  /** Alerts open at level 2 or 3 as of `day` (their latest event by then), with their project. */
  async agendaAlerts(
    day: string,
  ): Promise<
    Array<{ projectId: string; projectCode: string; projectName: string; kind: string; level: number }>
  > {
    const latest = (column: string) =>
      `(SELECT ev.${column} FROM alert_event ev WHERE ev.alert_id = a.id AND ${dayOf('ev.at')} <= ? ORDER BY ev.at DESC, ev.id DESC LIMIT 1)`;
    const rows = (await this.dataSource.query(
      `SELECT * FROM (
         SELECT a.project_id AS projectId, p.code AS projectCode, p.name AS projectName, a.kind,
                ${latest('type')} AS lastType, ${latest('level')} AS level
           FROM alert a JOIN project p ON p.id = a.project_id
          WHERE ${dayOf('a.raised_at')} <= ?) t
        WHERE t.lastType IS NOT NULL AND t.lastType <> 'resolved' AND t.level >= 2
        ORDER BY t.projectCode, t.kind`,
      [day, day, day],
    )) as Array<Record<string, unknown>>;
    return rows.map((row) => ({
      ...stringColumns(row, 'projectId projectCode projectName kind'),
      level: Number(row['level']),
    }));
  }

  /** Key works of `year` with their plan and the investment reported for months up to `month`. */
  async agendaKeyWorks(
    year: number,
    month: string,
  ): Promise<
    Array<{ keyWorkId: string; projectCode: string; projectName: string; plan: string; completed: string }>
  > {
    const rows = (await this.dataSource.query(
      `SELECT k.id, p.code AS projectCode, p.name AS projectName, k.annual_plan_investment AS plan,
              COALESCE((SELECT SUM(r.completed_investment) FROM key_work_report r WHERE r.key_work_id = k.id AND r.month <= ?), 0) AS completed
         FROM key_work k JOIN project p ON p.id = k.project_id WHERE k.year = ? ORDER BY p.code`,
      [month, year],
    )) as Array<Record<string, unknown>>;
    return rows.map((row) => ({
      keyWorkId: String(row['id']),
      ...stringColumns(row, 'projectCode projectName plan completed'),
    }));
  }

  /** Milestones past their deadline and not decided as of `day`. */
  async agendaMilestones(day: string): Promise<MeetingAgenda['overdueMilestones']> {
    const rows = (await this.dataSource.query(
      `SELECT m.id, p.code AS projectCode, p.name AS projectName, i.name AS itemName, d.name AS departmentName, m.deadline
         FROM milestone m JOIN project p ON p.id = m.project_id JOIN approval_item i ON i.code = m.item_code
         JOIN department d ON d.id = m.department_id
        WHERE m.deadline < ? AND (m.decided_at IS NULL OR ${dayOf('m.decided_at')} > ?)
        ORDER BY m.deadline, m.id`,
      [day, day],
    )) as Array<Record<string, unknown>>;
    return rows.map((row) => ({
      milestoneId: String(row['id']),
      ...stringColumns(row, 'projectCode projectName itemName departmentName deadline'),
    }));
  }

  /** Problems closed (销号) after `after` and on or before `day`. */
  async agendaClosed(
    after: string,
    day: string,
  ): Promise<
    Array<{ id: string; code: string; projectName: string; description: string; closedOn: string }>
  > {
    const rows = (await this.dataSource.query(
      `SELECT q.id, q.code, p.name AS projectName, q.description, q.closed_on AS closedOn
         FROM problem q JOIN project p ON p.id = q.project_id
        WHERE q.closed_on > ? AND q.closed_on <= ? ORDER BY q.closed_on, q.id`,
      [after, day],
    )) as Array<Record<string, unknown>>;
    return rows.map((row) => ({
      ...stringColumns(row, 'id code projectName description closedOn'),
    }));
  }
}
