import { Body, Get, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiCreatedResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { type AccessScope, businessDateOf, type Principal } from '@luodi/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AnyRole, ApiController, CurrentPrincipal, CurrentScope, Roles } from '../auth/access.decorators';
import type { Page } from '../common/pagination';
import { ExcelUploads } from '../common/excel-import';
import { sendXlsx, XLSX_MIME } from '../common/xlsx';
import { ProjectExportService } from './project-export.service';
import { ProjectImportService } from './project-import.service';
import {
  CreateProjectDto,
  FundArrivalDto,
  FundCorrectionDto,
  FundReversalDto,
  ProjectListQueryDto,
  StageChangeDto,
  UpdateProjectDto,
} from './projects.dto';
import { type ProjectView, ProjectsService } from './projects.service';
import { Clock } from '@luodi/server-core';

const EDITORS = ['admin', 'bureau'] as const;

@ApiController('projects', 'projects')
export class ProjectsController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly importer: ProjectImportService,
    private readonly uploads: ExcelUploads,
    private readonly exporter: ProjectExportService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @AnyRole()
  @ApiOperation({
    summary: 'List with filters, search, sorting and pagination (department users: their projects)',
  })
  list(@Query() query: ProjectListQueryDto, @CurrentScope() scope: AccessScope): Promise<Page<ProjectView>> {
    return this.projects.list(query, scope);
  }

  @Get('export')
  @Roles('admin', 'bureau', 'leader')
  @ApiProduces(XLSX_MIME)
  @ApiOperation({ summary: 'The filtered list as .xlsx (amounts in 万元 as numbers)' })
  async export(
    @Query() query: ProjectListQueryDto,
    @CurrentScope() scope: AccessScope,
    @Res() reply: FastifyReply,
  ) {
    return sendXlsx(
      reply,
      `招商项目_${businessDateOf(this.clock.now())}.xlsx`,
      await this.exporter.projects(query, scope),
    );
  }

  @Get('import-template')
  @Roles(...EDITORS)
  @ApiProduces(XLSX_MIME)
  @ApiOperation({ summary: 'The .xlsx template for imports, with Chinese headers and an example row' })
  async template(@Res() reply: FastifyReply) {
    return sendXlsx(reply, '招商项目导入模板.xlsx', await this.importer.template());
  }

  @Post('import')
  @Roles(...EDITORS)
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: 'Import an .xlsx: all rows or none; 400 lists every bad row, field and reason' })
  async import(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ imported: number }> {
    return this.uploads.importUpload(request, reply, (rows) => this.importer.importRows(rows, principal));
  }

  @Get(':id')
  @AnyRole()
  get(@Param('id') id: string, @CurrentScope() scope: AccessScope) {
    return this.projects.get(id, scope);
  }

  @Post()
  @Roles(...EDITORS)
  @ApiCreatedResponse({ description: 'the project' })
  create(@Body() body: CreateProjectDto, @CurrentPrincipal() principal: Principal) {
    return this.projects.create(body, principal);
  }

  @Patch(':id')
  @Roles(...EDITORS)
  update(@Param('id') id: string, @Body() body: UpdateProjectDto) {
    return this.projects.update(id, body);
  }

  @Post(':id/stage')
  @Roles(...EDITORS)
  @ApiOperation({
    summary: 'Move along the pipeline: forward only, dated, never in the future; terminated needs a reason',
  })
  changeStage(
    @Param('id') id: string,
    @Body() body: StageChangeDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.projects.changeStage(id, body, principal);
  }

  @Post(':id/funds')
  @Roles(...EDITORS)
  @ApiOperation({ summary: 'Record funds arrived (万元) on a signed project' })
  addFunds(@Param('id') id: string, @Body() body: FundArrivalDto, @CurrentPrincipal() principal: Principal) {
    return this.projects.addFunds(id, body, principal);
  }

  @Post(':id/funds/:fundId/reversal')
  @Roles(...EDITORS)
  @ApiOperation({
    summary:
      'Reverse (冲销) a funds entry: a new entry of the negative amount on its date, with the reason (audited; the entry stays)',
  })
  reverseFunds(
    @Param('id') id: string,
    @Param('fundId') fundId: string,
    @Body() body: FundReversalDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.projects.reverseFunds(id, fundId, body, principal);
  }

  @Post(':id/funds/:fundId/correction')
  @Roles(...EDITORS)
  @ApiOperation({
    summary:
      'Correct (更正) a funds entry: its reversal plus a replacement entry naming it, with the reason (audited)',
  })
  correctFunds(
    @Param('id') id: string,
    @Param('fundId') fundId: string,
    @Body() body: FundCorrectionDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.projects.correctFunds(id, fundId, body, principal);
  }
}
