import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type AccessScope, type Principal } from '@luodi/domain';
import type { ActualsImportResult } from '@luodi/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal, CurrentScope, Roles } from '../auth/access.decorators';
import { ExcelUploads } from '../common/excel-import';
import { sendXlsx, XLSX_MIME } from '../common/xlsx';
import { sendDocx } from '../dispatch/document-reply';
import { DOCX_MIME } from '../dispatch/documents';
import { ActualsImportService } from './actuals-import.service';
import { CommitmentFiguresService } from './commitment-figures.service';
import {
  ActualDto,
  AssessmentQueryDto,
  ClauseDto,
  ClausePatchDto,
  CommitmentListQueryDto,
  ReviewDecisionDto,
  SubsidyDto,
} from './commitments.dto';
import { CommitmentsService } from './commitments.service';

const READERS = ['admin', 'bureau', 'leader', 'department'] as const;
const EDITORS = ['admin', 'bureau'] as const;

/** Commitments (履约) through full production (达产), commitments.md and api.md "Commitments". */
@ApiTags('commitments')
@ApiBearerAuth()
@Controller()
export class CommitmentsController {
  constructor(
    private readonly commitments: CommitmentsService,
    private readonly figures: CommitmentFiguresService,
    private readonly importer: ActualsImportService,
    private readonly uploads: ExcelUploads,
  ) {}

  @Post('projects/:id/subsidies')
  @Roles(...EDITORS)
  @ApiOperation({
    summary: 'Record a subsidy payment (扶持资金, 万元 > 0, dated, not in the future); adds to subsidiesPaid',
  })
  addSubsidy(@Param('id') id: string, @Body() body: SubsidyDto, @CurrentPrincipal() principal: Principal) {
    return this.commitments.addSubsidy(id, body, principal);
  }

  @Get('projects/:id/clauses')
  @Roles(...READERS)
  @ApiOperation({ summary: "The agreement's clauses (履约条款) of a project" })
  clauses(@Param('id') id: string, @CurrentScope() scope: AccessScope) {
    return this.commitments.clauses(id, scope);
  }

  @Post('projects/:id/clauses')
  @Roles(...EDITORS)
  @ApiOperation({
    summary:
      'Add a clause: value clauses take agreedValue and dueDate (annual ones year), date clauses agreedDate; clawbackRatio (0–1) with clawbackBasis',
  })
  addClause(@Param('id') id: string, @Body() body: ClauseDto) {
    return this.commitments.addClause(id, body);
  }

  @Patch('clauses/:id')
  @Roles(...EDITORS)
  @ApiOperation({ summary: 'Change a clause (checked as a whole after the change)' })
  updateClause(@Param('id') id: string, @Body() body: ClausePatchDto) {
    return this.commitments.updateClause(id, body);
  }

  @Delete('clauses/:id')
  @Roles(...EDITORS)
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a clause (audited)' })
  removeClause(@Param('id') id: string) {
    return this.commitments.removeClause(id);
  }

  @Get('projects/:id/actuals')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Actuals (实绩) per period, each with the versions it replaced' })
  actuals(@Param('id') id: string, @CurrentScope() scope: AccessScope) {
    return this.commitments.actuals(id, scope);
  }

  @Put('projects/:id/actuals/:period')
  @Roles(...EDITORS)
  @ApiOperation({
    summary:
      'Enter a period’s actuals (period YYYY, YYYY-Qn or YYYY-MM); an earlier entry is replaced and kept in history',
  })
  putActual(
    @Param('id') id: string,
    @Param('period') period: string,
    @Body() body: ActualDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.commitments.putActual(id, period, body, principal);
  }

  @Get('actuals/import-template')
  @Roles(...EDITORS)
  @ApiProduces(XLSX_MIME)
  @ApiOperation({
    summary:
      'The .xlsx template of the actuals import (统一社会信用代码, 期间, 税收, 产值, 固定资产投资, 用工人数)',
  })
  async template(@Res() reply: FastifyReply) {
    return sendXlsx(reply, '实绩导入模板.xlsx', await this.importer.template());
  }

  @Post('actuals/import')
  @Roles(...EDITORS)
  @ApiConsumes('multipart/form-data')
  @ApiOperation({
    summary:
      'Import actuals matched by credit code: all rows or none (400 lists every bad row); a period already recorded is replaced and kept in history',
  })
  async import(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ActualsImportResult> {
    return this.uploads.importUpload(request, reply, (rows) => this.importer.importRows(rows, principal));
  }

  @Get('projects/:id/commitments')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Every clause assessed (pending with progress / met / unmet with shortfall) and 履约率',
  })
  assessment(
    @Param('id') id: string,
    @Query() query: AssessmentQueryDto,
    @CurrentScope() scope: AccessScope,
  ) {
    return this.commitments.commitmentsOf(id, query.asOf, scope);
  }

  @Get('projects/:id/review')
  @Roles(...READERS)
  @ApiOperation({
    summary:
      '达产复核: the clauses with agreed vs actual, the recommended clawback (capped at subsidiesPaid), the decision',
  })
  review(@Param('id') id: string, @Query() query: AssessmentQueryDto, @CurrentScope() scope: AccessScope) {
    return this.commitments.review(id, query.asOf, scope);
  }

  @Post('projects/:id/review/decision')
  @Roles(...EDITORS)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Decide a due review once: accept, reduce (amount below the recommendation, reason) or waive (reason); audited',
  })
  decide(@Param('id') id: string, @Body() body: ReviewDecisionDto, @CurrentPrincipal() principal: Principal) {
    return this.commitments.decide(id, body, principal);
  }

  @Get('projects/:id/review.docx')
  @Roles('admin', 'bureau', 'leader')
  @ApiProduces(DOCX_MIME)
  @ApiOperation({ summary: 'The review sheet (达产复核表) as .docx' })
  async reviewDocx(@Param('id') id: string, @CurrentScope() scope: AccessScope, @Res() reply: FastifyReply) {
    const document = await this.commitments.reviewDocument(id, scope);
    return sendDocx(reply, document, `${document.title}.docx`, 'review.docx');
  }

  @Get('commitments/projects')
  @Roles(...READERS)
  @ApiOperation({
    summary:
      'The projects behind a commitment figure (filter = the figure; department users: their projects)',
  })
  list(@Query() query: CommitmentListQueryDto, @CurrentScope() scope: AccessScope) {
    return this.figures.list(query, scope);
  }
}
