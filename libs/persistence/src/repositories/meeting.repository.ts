import type { DataSource, EntityManager } from 'typeorm';
import { MeetingAttendeeEntity, MeetingDecisionEntity, MeetingEntity } from '../entities/meeting.entity';
import { lockRowById, type PageRequest } from './query-helpers';

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
    if (!/^\d{1,19}$/.test(id)) return null;
    const meeting = await (manager ?? this.dataSource.manager).getRepository(MeetingEntity).findOneBy({ id });
    return meeting ? ((await this.rows([meeting], manager))[0] ?? null) : null;
  }

  lockById(id: string, manager: EntityManager): Promise<MeetingEntity | null> {
    if (!/^\d{1,19}$/.test(id)) return Promise.resolve(null);
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
    const repository = manager.getRepository(MeetingEntity);
    const saved = await repository.save(repository.create(data));
    const attendees = manager.getRepository(MeetingAttendeeEntity);
    for (const departmentId of new Set(attendeeIds))
      await attendees.save(attendees.create({ meetingId: saved.id, departmentId }));
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
    const repository = manager.getRepository(MeetingDecisionEntity);
    return repository.save(repository.create(data));
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
        problemId: String(row['problemId']),
        text: String(row['text']),
        ownerDepartmentId: String(row['ownerDepartmentId']),
        coDepartmentIds: String(row['coDepartmentIds']),
        dueDate: String(row['dueDate']),
        leadOfficial: (row['leadOfficial'] as string | null) ?? null,
        supervised: Boolean(Number(row['supervised'])),
        createdBy: String(row['createdBy']),
        createdAt: row['createdAt'] as Date,
        problemCode: String(row['problemCode']),
        projectName: String(row['projectName']),
        ownerDepartmentName: String(row['ownerDepartmentName']),
      }),
    );
  }

  async findDecision(id: string): Promise<MeetingDecisionEntity | null> {
    if (!/^\d{1,19}$/.test(id)) return null;
    return this.dataSource.getRepository(MeetingDecisionEntity).findOneBy({ id });
  }
}
