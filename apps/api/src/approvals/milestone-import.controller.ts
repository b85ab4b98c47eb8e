import { Get, Post, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { Principal } from '@luodi/domain';
import type { MilestoneStepImportResult } from '@luodi/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiController, CurrentPrincipal, Roles } from '../auth/access.decorators';
import { sendXlsx, XLSX_MIME } from '../common/xlsx';
import { ExcelUploads } from '../common/excel-import';
import { MilestoneImportService } from './milestone-import.service';

/**
 * 审批环节导入 by project code (routes-and-forecast.md §1): admin and bureau any step; a department
 * only the steps of its own milestones (a row of another department's is listed and nothing is
 * imported); a leader none.
 */
@ApiController('approval-steps/import', 'approvals')
@Roles('admin', 'bureau', 'department')
export class MilestoneImportController {
  constructor(
    private readonly importer: MilestoneImportService,
    private readonly uploads: ExcelUploads,
  ) {}

  @Get('template')
  @ApiProduces(XLSX_MIME)
  @ApiOperation({
    summary:
      'The .xlsx template of the approval-step import (项目代码, 事项名称, 办理部门, 收件时间, 受理时间, 办结时间, 结果, 办理意见)',
  })
  async template(@Res() reply: FastifyReply) {
    return sendXlsx(
      reply,
      '审批环节导入模板.xlsx',
      await this.importer.template(),
      'approval-steps-template.xlsx',
    );
  }

  @Post()
  @ApiConsumes('multipart/form-data')
  @ApiOperation({
    summary:
      'Import approval steps matched by 项目代码 and catalog item (name or code) as milestone events submit/accept/approve|reject, by the rules of hand entry: all rows or none (400 import_rows_invalid lists unknown codes, items and rule-breaking rows); events already present are skipped (the same file twice changes nothing). A department imports only its own milestones.',
  })
  async import(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentPrincipal() principal: Principal,
  ): Promise<MilestoneStepImportResult> {
    return this.uploads.importUpload(request, reply, (rows) => this.importer.importRows(rows, principal));
  }
}
