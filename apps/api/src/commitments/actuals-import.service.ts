import { Injectable } from '@nestjs/common';
import type { ActualsImportResult } from '@luodi/contracts';
import {
  ActualSource,
  businessDateOf,
  creditCodeProblem,
  DomainError,
  isMoney,
  normaliseMoney,
  parseActualPeriod,
  type Principal,
} from '@luodi/domain';
import {
  appendAudit,
  type ActualValues,
  CommitmentRepository,
  isDuplicateKey,
  Transactions,
} from '@luodi/persistence';
import { Clock } from '@luodi/server-core';
import { currentActor } from '../auth/request-context';
import {
  checkRowLimit,
  columnPositions,
  importRow,
  importTemplate,
  type ImportProblem,
  rejectIfProblems,
} from '../common/excel-import';
import type { SheetRow } from '../common/xlsx-stream';
import { FiguresPublisher } from '../live/figures-publisher';

/** The actuals template's columns (the tax and statistics bureaus' sheets), in order. */
export const ACTUALS_COLUMNS = [
  { key: 'creditCode', header: '统一社会信用代码', required: true, width: 24, example: '91350100M000100Y43' },
  { key: 'period', header: '期间（2025 / 2025-Q1 / 2025-03）', required: true, width: 22, example: '2025' },
  { key: 'taxPaid', header: '税收（万元）', required: false, width: 14, example: '320.50' },
  { key: 'outputValue', header: '产值（万元）', required: false, width: 14, example: '12000' },
  {
    key: 'fixedAssetInvestment',
    header: '固定资产投资累计（万元）',
    required: false,
    width: 20,
    example: '45000',
  },
  { key: 'headcount', header: '用工人数', required: false, width: 10, example: '180' },
] as const;
const MONEY_KEYS = ['taxPaid', 'outputValue', 'fixedAssetInvestment'] as const;

interface ParsedRow {
  row: number;
  creditCode: string;
  period: string;
  values: Pick<ActualValues, 'taxPaid' | 'outputValue' | 'fixedAssetInvestment' | 'headcount'>;
}

/**
 * 实绩导入: rows keyed by credit code and period, matched to live projects; all rows or none, with
 * every bad row listed; a period already recorded is replaced and its numbers kept in the history.
 */
@Injectable()
export class ActualsImportService {
  constructor(
    private readonly transactions: Transactions,
    private readonly commitments: CommitmentRepository,
    private readonly live: FiguresPublisher,
    private readonly clock: Clock,
  ) {}

  template(): Promise<Buffer> {
    return importTemplate('实绩导入', ACTUALS_COLUMNS);
  }

  /** The rows of an uploaded sheet (see ExcelUploads): all imported, or none with every bad row listed. */
  async importRows(sheetRows: AsyncGenerator<SheetRow>, principal: Principal): Promise<ActualsImportResult> {
    const first = await sheetRows.next();
    if (first.done || first.value.number !== 1) throw DomainError.coded('validation', 'import_no_rows');
    const positions = columnPositions(ACTUALS_COLUMNS, first.value);

    const today = businessDateOf(this.clock.now());
    const problems: ImportProblem[] = [];
    const parsed: ParsedRow[] = [];
    const seen = new Map<string, number>();
    for (let next = await sheetRows.next(); !next.done; next = await sheetRows.next()) {
      const row = next.value;
      checkRowLimit(row.number);
      const { value, empty, problem } = importRow(ACTUALS_COLUMNS, positions, row, problems, { trim: true });
      if (empty()) continue;
      const creditCode = value('creditCode').toUpperCase();
      const codeProblem = creditCodeProblem(creditCode);
      if (!creditCode) problem('creditCode', '必填 (required)');
      else if (codeProblem === 'format')
        problem('creditCode', '须为18位统一社会信用代码 (an 18-character credit code)');
      else if (codeProblem === 'check')
        problem('creditCode', '校验码不正确 (wrong check character, GB 32100-2015)');
      const period = value('period');
      const range = parseActualPeriod(period);
      if (!period) problem('period', '必填 (required)');
      else if (!range) problem('period', '须为 2025、2025-Q1 或 2025-03 (a year, quarter or month)');
      else if (range.start > today) problem('period', '不能晚于今天 (must not be in the future)');
      const values: ParsedRow['values'] = {
        taxPaid: null,
        outputValue: null,
        fixedAssetInvestment: null,
        headcount: null,
      };
      for (const key of MONEY_KEYS) {
        const text = value(key).replace(/,/g, '');
        if (!text) continue;
        if (/^\d+(\.\d{1,2})?$/.test(text) && isMoney(normaliseMoney(text)))
          values[key] = normaliseMoney(text);
        else
          problem(
            key,
            '须为不小于0、最多两位小数的金额 (a non-negative amount in 万元 with at most 2 decimals)',
          );
      }
      const headcount = value('headcount');
      if (headcount) {
        if (/^\d{1,7}$/.test(headcount)) values.headcount = Number(headcount);
        else problem('headcount', '须为整数 (a whole number of persons)');
      }
      if (
        Object.values(values).every((v) => v === null) &&
        ![...MONEY_KEYS, 'headcount' as const].some((k) => value(k))
      )
        problem('taxPaid', '至少填写一项实绩 (give at least one number)');
      const key = `${creditCode}|${period}`;
      if (creditCode && period) {
        if (seen.has(key))
          problem('period', `与第${seen.get(key)}行重复 (duplicate of row ${seen.get(key)})`);
        else seen.set(key, row.number);
      }
      parsed.push({ row: row.number, creditCode, period, values });
    }
    if (!parsed.length && !problems.length) throw DomainError.coded('validation', 'import_no_rows');
    const projects = await this.commitments.liveProjectsByCreditCode([
      ...new Set(parsed.map((row) => row.creditCode)),
    ]);
    for (const row of parsed)
      if (!creditCodeProblem(row.creditCode) && !projects.has(row.creditCode))
        problems.push({
          row: row.row,
          field: 'creditCode',
          column: ACTUALS_COLUMNS[0].header,
          message: `没有该统一社会信用代码的项目 (no live project with credit code ${row.creditCode})`,
        });
    rejectIfProblems(problems);
    const recordedAt = this.clock.now();
    // A period entered meanwhile through the API fails its insert with a duplicate key: run again.
    const replaced = await this.transactions.run(
      async (manager) => {
        let count = 0;
        for (const row of parsed) {
          const project = projects.get(row.creditCode)!;
          const wasThere = await this.commitments.putActual(
            project.id,
            row.period,
            { ...row.values, source: ActualSource.import, recordedBy: principal.userId, recordedAt },
            manager,
          );
          if (wasThere) count += 1;
        }
        await appendAudit(manager, currentActor(), {
          action: 'actuals.import',
          entityType: 'project_actual',
          entityId: null,
          after: { imported: parsed.length, replaced: count },
        });
        return count;
      },
      { retryIf: isDuplicateKey },
    );
    await this.live.changed('commitments');
    return { imported: parsed.length, replaced };
  }
}
