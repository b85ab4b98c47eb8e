import { Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces } from '@nestjs/swagger';
import { COCKPIT_REPORT_CONTENT_TYPE } from '@luodi/contracts';
import type { FastifyReply } from 'fastify';
import { ApiController, Roles } from '../auth/access.decorators';
import { sendXlsx } from '../common/xlsx';
import { CockpitReportQueryDto } from './cockpit-report.dto';
import { CockpitReportService } from './cockpit-report.service';

@ApiController('dashboard', 'dashboard')
export class CockpitReportController {
  constructor(private readonly reports: CockpitReportService) {}

  @Get('report')
  @Roles('admin', 'bureau', 'leader')
  @ApiProduces(COCKPIT_REPORT_CONTENT_TYPE)
  @ApiOperation({
    summary:
      'The cockpit as a 月度调度 report (.xlsx): the figures as of the end of the month (now for the current month) and the tables behind the charts',
  })
  async report(@Query() query: CockpitReportQueryDto, @Res() reply: FastifyReply) {
    const report = await this.reports.build(query);
    return sendXlsx(reply, report.fileName.utf8, report.body, report.fileName.ascii);
  }
}
