import { Injectable } from '@nestjs/common';
import type { MilestoneStepImportResult } from '@luodi/contracts';
import {
  DomainError,
  isIsoDate,
  MilestoneState,
  type Principal,
  projectCodeProblem,
  type UserEventType,
} from '@luodi/domain';
import {
  appendAudit,
  ApprovalItemRepository,
  DepartmentRepository,
  MilestoneRepository,
  ProjectRepository,
  SettingsRepository,
  Transactions,
} from '@luodi/persistence';
import { Clock } from '@luodi/server-core';
import { currentActor } from '../auth/request-context';
import { buildWorkbook, cellText } from '../common/xlsx';
import type { SheetRow } from '../common/xlsx-stream';
import { FiguresPublisher } from '../live/figures-publisher';
import { MAX_IMPORT_ROWS, type ImportProblem } from '../common/excel-import';
import { MilestonesService } from './milestones.service';

/**
 * The columns of the approval-step import (routes-and-forecast.md §1): the table the national online
 * approval platform exports for a project's steps, in order.
 */
export const STEP_COLUMNS = [
  {
    key: 'projectCode',
    header: '项目代码',
    required: true,
    width: 26,
    example: '2026-320115-10-03-000001',
  },
  { key: 'item', header: '事项名称', required: true, width: 28, example: '企业投资项目备案' },
  { key: 'department', header: '办理部门', required: false, width: 16, example: '发展和改革局' },
  { key: 'submittedAt', header: '收件时间', required: false, width: 18, example: '2026-03-02 09:30' },
  { key: 'acceptedAt', header: '受理时间', required: false, width: 18, example: '2026-03-02 15:00' },
  { key: 'decidedAt', header: '办结时间', required: false, width: 18, example: '2026-03-03 10:00' },
  { key: 'result', header: '结果', required: false, width: 10, example: '准予' },
  { key: 'opinion', header: '办理意见', required: false, width: 24, example: '' },
] as const;
type ColumnKey = (typeof STEP_COLUMNS)[number]['key'];

/** The 结果 column: 准予 → approve, 不予 → reject (and the platform's and English synonyms). */
const RESULTS: Record<string, 'approve' | 'reject'> = {
  准予: 'approve',
  准予许可: 'approve',
  通过: 'approve',
  同意: 'approve',
  approved: 'approve',
  approve: 'approve',
  不予: 'reject',
  不予许可: 'reject',
  不通过: 'reject',
  不同意: 'reject',
  rejected: 'reject',
  reject: 'reject',
};

/** The note every imported event carries (what was entered by hand has the user's own or none). */
export const IMPORTED_NOTE = '按项目代码导入（投资项目在线审批监管平台）';
/** The reason of an imported 不予 when the row gives no 办理意见. */
const DEFAULT_REJECT_REASON = '平台办结结果：不予';

/**
 * A moment of the platform's table, as the district's wall-clock time (Asia/Shanghai): an Excel
 * date-time cell (its digits, which Excel keeps without a zone), or text `YYYY-MM-DD HH:mm[:ss]`
 * (`/` or `T` also taken). A date alone is taken at 09:00. Null when it is none of these.
 */
export function parseStepMoment(value: unknown): Date | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    const wall = value.toISOString().slice(0, 19);
    return new Date(`${wall}+08:00`);
  }
  const text = typeof value === 'string' ? value.trim() : '';
  const match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!match) return null;
  const [, year, month, day, hour = '9', minute = '00', second = '00'] = match;
  const date = `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
  if (!isIsoDate(date) || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null;
  return new Date(`${date}T${hour.padStart(2, '0')}:${minute}:${second}+08:00`);
}

interface StepRow {
  row: number;
  projectCode: string;
  item: string;
  department: string;
  events: Array<{ type: UserEventType; at: Date; reason: string | null; column: ColumnKey }>;
}

/**
 * 审批环节导入 by project code (routes-and-forecast.md §1): rows matched by 项目代码 and catalog item,
 * each becoming the milestone's events `submit` / `accept` / `approve|reject` as if entered by hand
 * (MilestonesService.recordWithin: the same state machine, project-code rule and clock). All rows or
 * none (one transaction; every unknown code or item and every row that breaks a rule is listed); an
 * event already present (same type and moment) is skipped, so the same file twice changes nothing.
 * A department imports only the steps of its own milestones.
 */
@Injectable()
export class MilestoneImportService {
  constructor(
    private readonly transactions: Transactions,
    private readonly milestonesService: MilestonesService,
    private readonly milestones: MilestoneRepository,
    private readonly projects: ProjectRepository,
    private readonly items: ApprovalItemRepository,
    private readonly departments: DepartmentRepository,
    private readonly settings: SettingsRepository,
    private readonly live: FiguresPublisher,
    private readonly clock: Clock,
  ) {}

  template(): Promise<Buffer> {
    return buildWorkbook(
      '审批环节导入',
      STEP_COLUMNS.map((column) => ({
        header: column.required ? `${column.header}*` : column.header,
        width: column.width,
        value: (row: Record<string, string>) => row[column.key] ?? '',
      })),
      [Object.fromEntries(STEP_COLUMNS.map((column) => [column.key, column.example]))],
    );
  }

  async importRows(
    sheetRows: AsyncGenerator<SheetRow>,
    principal: Principal,
  ): Promise<MilestoneStepImportResult> {
    const first = await sheetRows.next();
    if (first.done || first.value.number !== 1) throw DomainError.coded('validation', 'import_no_rows');
    const headerCells: string[] = [];
    for (let column = 1; column <= 32; column += 1)
      headerCells.push(cellText(first.value.cell(column)).replace(/\*$/, ''));
    const positions = new Map<ColumnKey, number>();
    const missing: string[] = [];
    for (const column of STEP_COLUMNS) {
      const index = headerCells.indexOf(column.header);
      if (index >= 0) positions.set(column.key, index + 1);
      else if (column.required) missing.push(column.header);
    }
    if (missing.length)
      throw new DomainError('validation', `file: missing columns ${missing.join('、')} (use the template)`, {
        code: 'import_missing_columns',
        params: { columns: missing.join('、') },
        rows: missing.map((header) => ({
          row: 1,
          field: 'header',
          column: header,
          message: '缺少此列 (column is missing)',
        })),
      });

    const { regionCodePrefix } = await this.settings.get();
    const problems: ImportProblem[] = [];
    const header = (key: ColumnKey) => STEP_COLUMNS.find((column) => column.key === key)!.header;
    const parsed: StepRow[] = [];
    for (let next = await sheetRows.next(); !next.done; next = await sheetRows.next()) {
      const row = next.value;
      if (row.number - 1 > MAX_IMPORT_ROWS)
        throw new DomainError('validation', `file: at most ${MAX_IMPORT_ROWS} rows per import`, {
          code: 'import_too_many_rows',
          limitRows: MAX_IMPORT_ROWS,
        });
      const raw = (key: ColumnKey) => {
        const position = positions.get(key);
        return position ? row.cell(position) : null;
      };
      const value = (key: ColumnKey) => cellText(raw(key)).trim();
      if (STEP_COLUMNS.every((column) => value(column.key) === '')) continue;
      const problem = (key: ColumnKey, message: string) =>
        problems.push({ row: row.number, field: key, column: header(key), message });

      const projectCode = value('projectCode');
      const codeProblem = projectCode ? projectCodeProblem(projectCode, regionCodePrefix) : null;
      if (!projectCode) problem('projectCode', '必填 (required)');
      else if (codeProblem === 'format')
        problem(
          'projectCode',
          '须为24位项目代码，格式 4-6-2-2-6 位数字 (a 24-character project code, 4-6-2-2-6 digits)',
        );
      else if (codeProblem === 'region')
        problem(
          'projectCode',
          `区划代码须以 ${regionCodePrefix} 开头 (the region group must start with ${regionCodePrefix})`,
        );
      const item = value('item');
      if (!item) problem('item', '必填 (required)');

      const events: StepRow['events'] = [];
      for (const [key, type] of [
        ['submittedAt', 'submit'],
        ['acceptedAt', 'accept'],
      ] as const) {
        if (!value(key)) continue;
        const at = parseStepMoment(raw(key) instanceof Date ? raw(key) : value(key));
        if (!at) problem(key, '须为时间 YYYY-MM-DD HH:mm (a moment YYYY-MM-DD HH:mm)');
        else events.push({ type, at, reason: null, column: key });
      }
      const resultText = value('result');
      const result = resultText ? RESULTS[resultText.toLowerCase()] : undefined;
      if (resultText && !result) problem('result', '须为 准予 或 不予 (approved or rejected)');
      if (value('decidedAt')) {
        const at = parseStepMoment(raw('decidedAt') instanceof Date ? raw('decidedAt') : value('decidedAt'));
        if (!at) problem('decidedAt', '须为时间 YYYY-MM-DD HH:mm (a moment YYYY-MM-DD HH:mm)');
        else if (!resultText) problem('result', '有办结时间时必填 (required with 办结时间)');
        else if (result)
          events.push({
            type: result,
            at,
            reason: result === 'reject' ? value('opinion').slice(0, 500) || DEFAULT_REJECT_REASON : null,
            column: 'decidedAt',
          });
      } else if (resultText) problem('decidedAt', '有结果时必填 (required with 结果)');
      if (!value('submittedAt') && !value('acceptedAt') && !value('decidedAt'))
        problem('submittedAt', '收件、受理、办结时间至少填一项 (give at least one moment)');
      parsed.push({ row: row.number, projectCode, item, department: value('department'), events });
    }
    if (!parsed.length && !problems.length) throw DomainError.coded('validation', 'import_no_rows');

    // Match codes, items and departments; unknown ones are listed.
    const [projects, catalog, departments] = await Promise.all([
      this.projects.liveByProjectCodes([...new Set(parsed.map((row) => row.projectCode).filter(Boolean))]),
      this.items.list(),
      this.departments.list(),
    ]);
    const itemByKey = new Map<string, (typeof catalog)[number]>();
    for (const entry of catalog.filter((candidate) => candidate.enabled)) {
      itemByKey.set(entry.code, entry);
      itemByKey.set(entry.name, entry);
    }
    const departmentByKey = new Map<string, (typeof departments)[number]>();
    for (const department of departments) {
      departmentByKey.set(department.code, department);
      departmentByKey.set(department.name, department);
    }
    for (const row of parsed) {
      if (
        row.projectCode &&
        !projectCodeProblem(row.projectCode, regionCodePrefix) &&
        !projects.has(row.projectCode)
      )
        problems.push({
          row: row.row,
          field: 'projectCode',
          column: header('projectCode'),
          message: `没有该项目代码的项目 (no live project with project code ${row.projectCode})`,
        });
      if (row.item && !itemByKey.has(row.item))
        problems.push({
          row: row.row,
          field: 'item',
          column: header('item'),
          message: `审批事项目录中没有该事项 (no approval item named or coded "${row.item}")`,
        });
      if (row.department && !departmentByKey.has(row.department))
        problems.push({
          row: row.row,
          field: 'department',
          column: header('department'),
          message: `没有该部门 (no department named or coded "${row.department}")`,
        });
    }
    if (problems.length) throw rowsInvalid(problems);

    // Record, in file order, in one transaction: a rule broken anywhere rolls everything back.
    const now = this.clock.now();
    const touched = new Set<string>();
    const result = await this.transactions.runOnce(async (manager) => {
      let imported = 0;
      let skipped = 0;
      let createdMilestones = 0;
      for (const row of parsed) {
        const project = projects.get(row.projectCode)!;
        const item = itemByKey.get(row.item)!;
        const named = row.department ? departmentByKey.get(row.department)! : null;
        let milestone = await this.milestones.findByProjectAndItem(project.id, item.code, manager);
        const departmentId = milestone?.departmentId ?? named?.id ?? item.departmentId;
        if (milestone && named && named.id !== milestone.departmentId) {
          problems.push({
            row: row.row,
            field: 'department',
            column: header('department'),
            message: `与该项目此事项的办理部门不一致 (the milestone is handled by another department)`,
          });
          continue;
        }
        if (principal.role === 'department' && departmentId !== principal.departmentId) {
          problems.push({
            row: row.row,
            field: 'department',
            column: header('department'),
            message: '不是本部门办理的事项，不能导入 (not a milestone of your department)',
          });
          continue;
        }
        if (!milestone) {
          milestone = await this.milestones.create(
            { projectId: project.id, itemCode: item.code, departmentId, state: MilestoneState.planned },
            manager,
          );
          createdMilestones += 1;
        }
        touched.add(departmentId);
        const existing = await this.milestones.events(milestone.id, manager);
        for (const event of row.events) {
          if (existing.some((had) => had.type === event.type && had.at.getTime() === event.at.getTime())) {
            skipped += 1;
            continue;
          }
          try {
            await this.milestonesService.recordWithin(
              manager,
              {
                id: milestone.id,
                projectId: project.id,
                projectCode: project.code,
                itemCode: item.code,
                itemName: item.name,
                contractAmount: project.contractAmount,
              },
              { type: event.type, at: event.at, reason: event.reason, note: IMPORTED_NOTE },
              principal,
              now,
            );
            imported += 1;
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            problems.push({
              row: row.row,
              field: event.column,
              column: header(event.column),
              message: `${error.messageIn('zh-CN')} (${error.messageIn('en')})`,
            });
            break;
          }
        }
      }
      if (problems.length) throw rowsInvalid(problems);
      // The same file again writes nothing, and so leaves no audit entry either.
      if (imported || createdMilestones)
        await appendAudit(manager, currentActor(), {
          action: 'milestone.import',
          entityType: 'milestone',
          entityId: null,
          after: { rows: parsed.length, imported, skipped, createdMilestones },
        });
      return { rows: parsed.length, imported, skipped, createdMilestones };
    });
    for (const departmentId of touched) await this.live.changed('milestone', departmentId);
    return result;
  }
}

/** The 400 of a refused import: every bad row listed, nothing imported. */
function rowsInvalid(problems: ImportProblem[]): DomainError {
  problems.sort((a, b) => a.row - b.row);
  const rowCount = new Set(problems.map((problem) => problem.row)).size;
  return new DomainError('validation', `file: ${rowCount} row(s) have errors; nothing was imported`, {
    code: 'import_rows_invalid',
    params: { count: problems.length, rowCount },
    rows: problems,
  });
}
