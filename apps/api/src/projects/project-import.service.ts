import { Injectable } from '@nestjs/common';
import {
  businessDateOf,
  creditCodeProblem,
  DomainError,
  MONEY_PATTERN,
  projectCodeProblem,
  isIsoDate,
  isMoney,
  type Principal,
  normaliseMoney,
} from '@luodi/domain';
import {
  appendAudit,
  CommitmentRepository,
  DepartmentRepository,
  LookupRepository,
  type ProjectEntity,
  ProjectRepository,
  SettingsRepository,
  Transactions,
} from '@luodi/persistence';
import type { EntityManager } from 'typeorm';
import { currentActor } from '../auth/request-context';
import {
  checkRowLimit,
  columnPositions,
  importRow,
  importTemplate,
  type ImportProblem,
  rejectIfProblems,
} from '../common/excel-import';
import { WAN_YUAN_FORMAT } from '../common/xlsx';
import type { SheetRow } from '../common/xlsx-stream';
import { FiguresPublisher } from '../live/figures-publisher';
import { Clock } from '@luodi/server-core';

const ORIGINS: Record<string, ProjectEntity['investorOrigin']> = {
  境内: 'domestic',
  港澳台: 'hmt',
  境外: 'foreign',
  domestic: 'domestic',
  hmt: 'hmt',
  foreign: 'foreign',
};

/** The import template's columns, in order. */
export const IMPORT_COLUMNS = [
  { key: 'code', header: '项目编号', required: false, width: 16, example: '' },
  { key: 'name', header: '项目名称', required: true, width: 36, example: '年产10万吨新能源材料项目' },
  { key: 'investor', header: '投资方', required: true, width: 28, example: '华东新材料科技有限公司' },
  {
    key: 'investorOrigin',
    header: '投资方来源（境内/港澳台/境外）',
    required: true,
    width: 14,
    example: '境内',
  },
  { key: 'industry', header: '产业类别', required: true, width: 14, example: '新材料' },
  { key: 'source', header: '签约活动', required: true, width: 12, example: '沪洽会' },
  { key: 'contractAmount', header: '合同投资额（万元）', required: true, width: 16, example: '50000' },
  {
    key: 'leadDepartment',
    header: '责任单位（名称或代码）',
    required: true,
    width: 22,
    example: '自然资源局',
  },
  { key: 'leadOfficial', header: '包联领导', required: false, width: 12, example: '' },
  { key: 'location', header: '乡镇/园区', required: false, width: 16, example: '经济开发区' },
  { key: 'plannedStartDate', header: '计划开工日期', required: false, width: 14, example: '2026-12-01' },
  { key: 'talksStartedAt', header: '洽谈开始日期', required: false, width: 14, example: '2026-03-01' },
  { key: 'signedAt', header: '签约日期', required: false, width: 14, example: '2026-05-18' },
  {
    key: 'projectCode',
    header: '项目代码',
    required: false,
    width: 26,
    example: '',
  },
  { key: 'creditCode', header: '统一社会信用代码', required: false, width: 22, example: '' },
  { key: 'landAreaMu', header: '用地面积(亩)', required: false, width: 14, example: '' },
  { key: 'landSuppliedAt', header: '供地日期', required: false, width: 14, example: '' },
] as const;

/** Excel in: a template with Chinese headers, and an all-or-nothing import that reports every bad row. */
@Injectable()
export class ProjectImportService {
  constructor(
    private readonly transactions: Transactions,
    private readonly projects: ProjectRepository,
    private readonly departments: DepartmentRepository,
    private readonly lookups: LookupRepository,
    private readonly settings: SettingsRepository,
    private readonly commitments: CommitmentRepository,
    private readonly live: FiguresPublisher,
    private readonly clock: Clock,
  ) {}

  template(): Promise<Buffer> {
    return importTemplate('项目导入', IMPORT_COLUMNS, (key) =>
      key === 'contractAmount' ? WAN_YUAN_FORMAT : undefined,
    );
  }

  /** The rows of an uploaded sheet (see ExcelUploads): all imported, or none with every bad row listed. */
  async importRows(sheetRows: AsyncGenerator<SheetRow>, principal: Principal): Promise<{ imported: number }> {
    // The header row is the sheet's first row (row 1); a sheet without one has no columns.
    const firstRow = await sheetRows.next();
    const header = !firstRow.done && firstRow.value.number === 1 ? firstRow.value : null;
    const positions = columnPositions(IMPORT_COLUMNS, header);

    const [departments, sources, industries, locations, settings] = await Promise.all([
      this.departments.list(),
      this.lookups.enabledNames('source'),
      this.lookups.enabledNames('industry'),
      this.lookups.enabledNames('location'),
      this.settings.get(),
    ]);
    const departmentByKey = new Map<string, string>();
    for (const department of departments) {
      departmentByKey.set(department.name, department.id);
      departmentByKey.set(department.code, department.id);
    }
    const today = businessDateOf(this.clock.now());
    const problems: ImportProblem[] = [];
    const rows: Array<{ row: number; data: Partial<ProjectEntity> }> = [];
    const codesInFile = new Map<string, number>();
    // 项目代码 and 统一社会信用代码: unique among live projects, so also within the file.
    const projectCodesInFile = new Map<string, number>();
    const creditCodesInFile = new Map<string, number>();

    // Rows come one at a time and are dropped once checked; reading stops at the first row past the
    // limit (row numbers count, as in the file: a row 30 000 among few others is still past it).
    const pending: SheetRow[] = firstRow.done || header ? [] : [firstRow.value];
    const nextRow = async (): Promise<SheetRow | null> => {
      const queued = pending.shift();
      if (queued) return queued;
      const next = await sheetRows.next();
      return next.done ? null : next.value;
    };
    for (let row = await nextRow(); row; row = await nextRow()) {
      const rowNumber = row.number;
      if (rowNumber < 2) continue;
      checkRowLimit(rowNumber);
      const { value, empty, problem } = importRow(IMPORT_COLUMNS, positions, row, problems);
      if (empty()) continue;

      for (const column of IMPORT_COLUMNS)
        if (column.required && value(column.key) === '') problem(column.key, '必填 (required)');

      const code = value('code');
      if (code) {
        if (!/^[A-Za-z0-9-]{3,32}$/.test(code))
          problem('code', '须为3–32位字母、数字或- (3–32 letters, digits or -)');
        else if (codesInFile.has(code))
          problem('code', `与第${codesInFile.get(code)}行重复 (duplicate of row ${codesInFile.get(code)})`);
        else codesInFile.set(code, rowNumber);
      }
      const name = value('name');
      if (name.length > 200) problem('name', '不超过200字 (at most 200 characters)');
      const investor = value('investor');
      if (investor.length > 200) problem('investor', '不超过200字 (at most 200 characters)');
      const origin = ORIGINS[value('investorOrigin')];
      if (value('investorOrigin') && !origin)
        problem('investorOrigin', '须为 境内、港澳台 或 境外 (domestic, HK-Macao-Taiwan or foreign)');
      const industry = value('industry');
      if (industry && !industries.includes(industry))
        problem('industry', `不在产业类别清单中 (not on the industry list: ${industries.join('、')})`);
      const source = value('source');
      if (source && !sources.includes(source))
        problem('source', `不在签约活动清单中 (not on the source list: ${sources.join('、')})`);
      if (value('leadOfficial').length > 64) problem('leadOfficial', '不超过64字 (at most 64 characters)');
      const location = value('location');
      if (location && !locations.includes(location))
        problem('location', `不在乡镇/园区清单中 (not on the location list)`);
      const amount = value('contractAmount').replace(/,/g, '');
      const amountText = /^\d+(\.\d+)?$/.test(amount) && /^\d+(\.\d{0,2})?$/.test(amount) ? amount : null;
      if (value('contractAmount') && (!amountText || !isMoney(normaliseMoney(amountText)))) {
        problem(
          'contractAmount',
          '须为不小于0、最多两位小数的金额 (a non-negative amount in 万元 with at most 2 decimals)',
        );
      }
      const departmentId = departmentByKey.get(value('leadDepartment'));
      if (value('leadDepartment') && !departmentId)
        problem('leadDepartment', '找不到该责任单位 (no such department)');
      const dates: Partial<Record<'plannedStartDate' | 'talksStartedAt' | 'signedAt', string>> = {};
      for (const key of ['plannedStartDate', 'talksStartedAt', 'signedAt'] as const) {
        const text = value(key);
        if (!text) continue;
        if (!isIsoDate(text)) problem(key, '须为日期 YYYY-MM-DD (a date YYYY-MM-DD)');
        else dates[key] = text;
      }
      // Never a silent default: a row with neither date is refused, not dated the import day.
      const talksStartedAt = dates.talksStartedAt ?? dates.signedAt;
      if (!talksStartedAt && !value('talksStartedAt') && !value('signedAt'))
        problem('talksStartedAt', '签约日期为空时必填 (required when 签约日期 is empty)');
      if (dates.talksStartedAt && dates.talksStartedAt > today)
        problem('talksStartedAt', '不能晚于今天 (must not be in the future)');
      if (dates.signedAt) {
        if (dates.signedAt > today) problem('signedAt', '不能晚于今天 (must not be in the future)');
        if (talksStartedAt && dates.signedAt < talksStartedAt)
          problem('signedAt', '不能早于洽谈开始日期 (must not be before talks started)');
      }
      // The commitment and approval fields, checked as the API checks them (projects.service).
      const projectCode = value('projectCode');
      if (projectCode) {
        const codeProblem = projectCodeProblem(projectCode, settings.regionCodePrefix);
        if (codeProblem === 'format')
          problem(
            'projectCode',
            '须为24位项目代码，格式 4-6-2-2-6 位数字 (a 24-character project code, digit groups 4-6-2-2-6)',
          );
        else if (codeProblem === 'region')
          problem(
            'projectCode',
            `区划代码须以 ${settings.regionCodePrefix} 开头 (the region group must start with ${settings.regionCodePrefix})`,
          );
        else if (projectCodesInFile.has(projectCode))
          problem(
            'projectCode',
            `与第${projectCodesInFile.get(projectCode)}行重复 (duplicate of row ${projectCodesInFile.get(projectCode)})`,
          );
        else projectCodesInFile.set(projectCode, rowNumber);
      }
      const creditCode = value('creditCode').toUpperCase();
      if (creditCode) {
        const codeProblem = creditCodeProblem(creditCode);
        if (codeProblem === 'format')
          problem('creditCode', '须为18位统一社会信用代码 (an 18-character credit code)');
        else if (codeProblem === 'check')
          problem('creditCode', '校验码不正确 (wrong check character, GB 32100-2015)');
        else if (creditCodesInFile.has(creditCode))
          problem(
            'creditCode',
            `与第${creditCodesInFile.get(creditCode)}行重复 (duplicate of row ${creditCodesInFile.get(creditCode)})`,
          );
        else creditCodesInFile.set(creditCode, rowNumber);
      }
      const landAreaText = value('landAreaMu').replace(/,/g, '');
      const landAreaMu = MONEY_PATTERN.test(landAreaText) ? normaliseMoney(landAreaText) : null;
      if (landAreaText && (!landAreaMu || landAreaMu === '0.00'))
        problem('landAreaMu', '须为大于0、最多两位小数的亩数 (a number of 亩 above 0, at most 2 decimals)');
      const landSuppliedText = value('landSuppliedAt');
      if (landSuppliedText) {
        if (!isIsoDate(landSuppliedText))
          problem('landSuppliedAt', '须为日期 YYYY-MM-DD (a date YYYY-MM-DD)');
        else if (landSuppliedText > today)
          problem('landSuppliedAt', '不能晚于今天 (must not be in the future)');
      }
      rows.push({
        row: rowNumber,
        data: {
          projectCode: projectCode || null,
          creditCode: creditCode || null,
          landAreaMu: landAreaText ? landAreaMu : null,
          landSuppliedAt: landSuppliedText || null,
          code: code || undefined,
          name,
          investor,
          investorOrigin: origin,
          industry,
          source,
          contractAmount: amountText ? normaliseMoney(amountText) : '0.00',
          fundsArrived: '0.00',
          leadDepartmentId: departmentId,
          leadOfficial: value('leadOfficial') || null,
          location: location || null,
          plannedStartDate: dates.plannedStartDate ?? null,
          talksStartedAt: talksStartedAt ?? '',
          signedAt: dates.signedAt ?? null,
          stage: dates.signedAt ? 'signed' : 'negotiating',
        },
      });
    }
    if (rows.length === 0 && problems.length === 0) throw DomainError.coded('validation', 'import_no_rows');

    const existing = await this.projects.existingCodes([...codesInFile.keys()]);
    for (const code of existing) {
      problems.push({
        row: codesInFile.get(code)!,
        field: 'code',
        column: '项目编号',
        message: `项目编号已存在 (code "${code}" already exists)`,
      });
    }
    // Checked here for a full list of the file's problems, and again under the values' claims in the
    // transaction below (a project given one of these codes meanwhile).
    problems.push(...(await this.codeHolderProblems(projectCodesInFile, creditCodesInFile)));
    rejectIfProblems(problems);

    // Once (attempts: 1: the codes given to rows are kept on them), READ COMMITTED: the credit codes
    // and project codes are claimed as a single create claims them (ProjectRepository.claimUnique),
    // then checked again by a plain read that sees every project committed by an earlier claimant.
    await this.transactions.run(
      async (manager) => {
        await this.projects.claimUnique(
          [
            ...[...creditCodesInFile.keys()].map((value) => ({ kind: 'credit_code' as const, value })),
            ...[...projectCodesInFile.keys()].map((value) => ({ kind: 'project_code' as const, value })),
          ],
          manager,
        );
        rejectIfProblems(await this.codeHolderProblems(projectCodesInFile, creditCodesInFile, manager));
        // Codes left empty get the next numbers of this year's series.
        const prefix = `${today.slice(0, 4)}-ZS-`;
        let next = Number((await this.projects.nextCode(prefix, manager)).slice(prefix.length));
        const used = new Set(codesInFile.keys());
        for (const { data } of rows) {
          if (data.code) continue;
          let candidate = `${prefix}${String(next).padStart(3, '0')}`;
          while (used.has(candidate)) candidate = `${prefix}${String(++next).padStart(3, '0')}`;
          data.code = candidate;
          used.add(candidate);
          next += 1;
        }
        const ids = await this.projects.insertMany(
          rows.map((row) => row.data),
          manager,
        );
        const recordedAt = this.clock.now();
        await this.projects.insertStageEvents(
          rows.flatMap(({ data }) => {
            const projectId = ids.get(data.code!)!;
            const events = [
              {
                projectId,
                stage: 'negotiating' as const,
                at: data.talksStartedAt!,
                reason: null,
                recordedBy: principal.userId,
                recordedAt,
              },
            ];
            if (data.signedAt)
              events.push({
                projectId,
                stage: 'signed' as never,
                at: data.signedAt,
                reason: null,
                recordedBy: principal.userId,
                recordedAt,
              });
            return events;
          }),
          manager,
        );
        await appendAudit(manager, currentActor(), {
          action: 'project.import',
          entityType: 'project',
          entityId: null,
          after: {
            imported: rows.length,
            codes: { first: rows[0]!.data.code, last: rows[rows.length - 1]!.data.code },
          },
        });
      },
      { attempts: 1, isolation: 'READ COMMITTED' },
    );
    for (const departmentId of new Set(rows.map(({ data }) => data.leadDepartmentId)))
      await this.live.changed('project', departmentId);
    return { imported: rows.length };
  }

  /** The rows whose project code (项目代码) or credit code a live project holds (in `manager`'s transaction when given). */
  private async codeHolderProblems(
    projectCodesInFile: ReadonlyMap<string, number>,
    creditCodesInFile: ReadonlyMap<string, number>,
    manager?: EntityManager,
  ): Promise<ImportProblem[]> {
    const problems: ImportProblem[] = [];
    for (const [column, inFile, taken] of [
      [
        'projectCode',
        projectCodesInFile,
        await this.projects.liveByProjectCodes([...projectCodesInFile.keys()], manager),
      ],
      [
        'creditCode',
        creditCodesInFile,
        await this.commitments.liveProjectsByCreditCode([...creditCodesInFile.keys()], manager),
      ],
    ] as const) {
      for (const [value, rowNumber] of inFile) {
        const holder = taken.get(value);
        if (!holder) continue;
        problems.push({
          row: rowNumber,
          field: column,
          column: IMPORT_COLUMNS.find((entry) => entry.key === column)!.header,
          message: `已用于项目 ${holder.code} (already the ${column === 'projectCode' ? 'project code' : 'credit code'} of project ${holder.code})`,
        });
      }
    }
    return problems;
  }
}
