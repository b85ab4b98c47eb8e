import { Body, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { AccessScope, Principal } from '@luodi/domain';
import type { FastifyReply } from 'fastify';
import { AnyRole, ApiController, CurrentPrincipal, CurrentScope, Roles } from '../auth/access.decorators';
import { sendXlsx, XLSX_MIME } from '../common/xlsx';
import { ProblemExportService } from './problem-export.service';
import { CreateProblemDto, ProblemFilterDto, ProblemTransitionDto } from './problems.dto';
import { ProblemsService } from './problems.service';

@ApiController('problems', 'dispatch')
export class ProblemsController {
  constructor(
    private readonly problems: ProblemsService,
    private readonly exports: ProblemExportService,
  ) {}

  @Get()
  @AnyRole()
  @ApiOperation({
    summary:
      '问题清单: filter by category, owner, status, overdue, subject (a department: its own and co-owned)',
  })
  list(
    @Query() query: ProblemFilterDto,
    @CurrentScope() scope: AccessScope,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.problems.list(query, scope, principal);
  }

  @Get('export')
  @Roles('admin', 'bureau', 'leader')
  @ApiProduces(XLSX_MIME)
  @ApiOperation({ summary: 'The filtered problem list as .xlsx (问题清单)' })
  async export(
    @Query() query: ProblemFilterDto,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    const body = await this.exports.workbook(query, principal);
    return sendXlsx(reply, `问题清单_${this.problems.today()}.xlsx`, body);
  }

  @Get(':id')
  @AnyRole()
  @ApiOperation({ summary: 'A problem with its history (a department: 404 unless it owns or co-owns it)' })
  get(@Param('id') id: string, @CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal) {
    return this.problems.get(id, scope, principal);
  }

  @Post()
  @Roles('admin', 'bureau', 'leader')
  @ApiOperation({ summary: 'Raise a problem of a project or a key work (code WT-YYYY-NNNN)' })
  create(@Body() body: CreateProblemDto, @CurrentPrincipal() principal: Principal) {
    return this.problems.create(body, principal);
  }

  @Post(':id/transitions')
  @AnyRole()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'start / resolve (the owner department), close 销号 / reject 复核不通过 (bureau or leader); 403 by role, 409 in the wrong state',
  })
  transition(
    @Param('id') id: string,
    @Body() body: ProblemTransitionDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentScope() scope: AccessScope,
  ) {
    return this.problems.transition(id, body, principal, scope);
  }
}
