import { Injectable } from '@nestjs/common';
import { type AccessScope, labelsIn, PROJECT_STAGE_LABELS } from '@luodi/domain';
import { ProjectRepository, type ProjectRow } from '@luodi/persistence';
import { buildWorkbook, WAN_YUAN_FORMAT } from '../common/xlsx';
import type { ProjectListQueryDto } from './projects.dto';
import { projectListFilter } from './projects.service';
import { Clock } from '@luodi/server-core';

const STAGE_NAMES = labelsIn(PROJECT_STAGE_LABELS, 'zh-CN');
const ORIGIN_NAMES: Record<string, string> = { domestic: '境内', hmt: '港澳台', foreign: '境外' };
const MAX_EXPORT_ROWS = 100_000;

/** Excel out: the filtered project list with 万元 amounts as numbers. */
@Injectable()
export class ProjectExportService {
  constructor(
    private readonly repository: ProjectRepository,
    private readonly clock: Clock,
  ) {}

  async projects(query: ProjectListQueryDto, scope: AccessScope): Promise<Buffer> {
    const filter = projectListFilter(query, this.clock.now());
    const { items } = await this.repository.list(
      { ...filter, sort: query.sort ?? 'code', order: query.order ?? 'asc' },
      scope,
      { page: 1, pageSize: MAX_EXPORT_ROWS },
    );
    return buildWorkbook<ProjectRow>(
      '招商项目',
      [
        { header: '项目编号', width: 14, value: (p) => p.code },
        { header: '项目名称', width: 36, value: (p) => p.name },
        { header: '投资方', width: 28, value: (p) => p.investor },
        { header: '投资方来源', width: 10, value: (p) => ORIGIN_NAMES[p.investorOrigin] ?? p.investorOrigin },
        { header: '产业类别', width: 12, value: (p) => p.industry },
        { header: '签约活动', width: 10, value: (p) => p.source },
        {
          header: '合同投资额（万元）',
          width: 16,
          value: (p) => Number(p.contractAmount),
          numFmt: WAN_YUAN_FORMAT,
        },
        {
          header: '到位资金（万元）',
          width: 16,
          value: (p) => Number(p.fundsArrived),
          numFmt: WAN_YUAN_FORMAT,
        },
        { header: '责任单位', width: 20, value: (p) => p.leadDepartmentName },
        { header: '包联领导', width: 10, value: (p) => p.leadOfficial },
        { header: '乡镇/园区', width: 14, value: (p) => p.location },
        { header: '阶段', width: 8, value: (p) => STAGE_NAMES[p.stage] },
        { header: '签约日期', width: 12, value: (p) => p.signedAt },
        { header: '注册落地日期', width: 12, value: (p) => p.registeredAt },
        { header: '开工日期', width: 12, value: (p) => p.startedAt },
        { header: '投产日期', width: 12, value: (p) => p.operatingAt },
        { header: '达产日期', width: 12, value: (p) => p.fullProductionAt },
        { header: '统一社会信用代码', width: 22, value: (p) => p.creditCode },
        { header: '项目代码', width: 26, value: (p) => p.projectCode },
        {
          header: '供地面积（亩）',
          width: 14,
          value: (p) => (p.landAreaMu === null ? null : Number(p.landAreaMu)),
        },
        { header: '供地日期', width: 12, value: (p) => p.landSuppliedAt },
        {
          header: '已兑现扶持资金（万元）',
          width: 18,
          value: (p) => Number(p.subsidiesPaid),
          numFmt: WAN_YUAN_FORMAT,
        },
        { header: '计划开工日期', width: 12, value: (p) => p.plannedStartDate },
      ],
      items,
    );
  }
}
