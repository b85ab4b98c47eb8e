import { Body, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces } from '@nestjs/swagger';
import { type AccessScope, businessDateOf, type Principal } from '@luodi/domain';
import type { FastifyReply } from 'fastify';
import { AnyRole, ApiController, CurrentPrincipal, CurrentScope, Roles } from '../auth/access.decorators';
import { sendXlsx, XLSX_MIME } from '../common/xlsx';
import {
  CreateKeyWorkDto,
  KeyWorkExportQueryDto,
  KeyWorkReportCorrectionDto,
  KeyWorkReportDto,
  KeyWorkListQueryDto,
  UpdateKeyWorkDto,
} from './key-works.dto';
import { KeyWorksService } from './key-works.service';
import { Clock } from '@luodi/server-core';

const EDITORS = ['admin', 'bureau'] as const;

@ApiController('key-works', 'key-works')
export class KeyWorksController {
  constructor(
    private readonly keyWorks: KeyWorksService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @AnyRole()
  @ApiOperation({ summary: "The year's key works: plan, completed, start, missing monthly reports" })
  list(@Query() query: KeyWorkListQueryDto, @CurrentScope() scope: AccessScope) {
    return this.keyWorks.list(query.year ?? Number(businessDateOf(this.clock.now()).slice(0, 4)), scope, {
      source: query.source,
      leadDepartmentId: query.leadDepartmentId,
      plannedStart: query.plannedStart === 'true' ? true : undefined,
    });
  }

  @Get('export')
  @Roles('admin', 'bureau', 'leader')
  @ApiProduces(XLSX_MIME)
  @ApiOperation({ summary: 'The 月度调度表 of a month as .xlsx' })
  async export(@Query() query: KeyWorkExportQueryDto, @Res() reply: FastifyReply) {
    const body = await this.keyWorks.monthlySchedule(query.year, query.month);
    const fileName = `重点工程月度调度表_${query.year}-${String(query.month).padStart(2, '0')}.xlsx`;
    return sendXlsx(reply, fileName, body);
  }

  @Get(':id')
  @AnyRole()
  get(@Param('id') id: string, @CurrentScope() scope: AccessScope) {
    return this.keyWorks.get(id, scope);
  }

  @Post()
  @Roles(...EDITORS)
  create(@Body() body: CreateKeyWorkDto) {
    return this.keyWorks.create(body);
  }

  @Patch(':id')
  @Roles(...EDITORS)
  update(@Param('id') id: string, @Body() body: UpdateKeyWorkDto) {
    return this.keyWorks.update(id, body);
  }

  @Post(':id/reports')
  @Roles(...EDITORS)
  @ApiOperation({
    summary: 'Enter the monthly report (月度调度) of a month; due by the 5th working day of the next',
  })
  addReport(
    @Param('id') id: string,
    @Body() body: KeyWorkReportDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.keyWorks.addReport(id, body, principal);
  }

  @Patch(':id/reports/:month')
  @Roles(...EDITORS)
  @ApiOperation({ summary: 'Correct a monthly report (audited: before → after)' })
  correctReport(
    @Param('id') id: string,
    @Param('month') month: string,
    @Body() body: KeyWorkReportCorrectionDto,
  ) {
    return this.keyWorks.correctReport(id, month, body);
  }
}
