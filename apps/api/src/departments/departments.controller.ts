import { Body, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { AccessScope } from '@luodi/domain';
import { AnyRole, ApiController, CurrentScope, Roles } from '../auth/access.decorators';
import { OptionalPageSearchQueryDto, type Page } from '../common/pagination';
import {
  CreateDepartmentDto,
  DepartmentDto,
  type DepartmentSummaryDto,
  UpdateDepartmentDto,
} from './departments.dto';
import { DepartmentsService } from './departments.service';

@ApiController('departments', 'departments')
export class DepartmentsController {
  constructor(private readonly departments: DepartmentsService) {}

  @Get()
  @AnyRole()
  @ApiOperation({
    summary:
      'Departments by code: every one (the pickers), or a page with `page`/`pageSize`; `q` searches the code and the name',
  })
  list(@Query() query: OptionalPageSearchQueryDto): Promise<Page<DepartmentSummaryDto>> {
    return this.departments.list(query);
  }

  @Get(':id')
  @AnyRole()
  @ApiOkResponse({
    type: DepartmentDto,
    description: 'a department user sees only its own department (404 otherwise)',
  })
  get(@Param('id') id: string, @CurrentScope() scope: AccessScope): Promise<DepartmentDto> {
    return this.departments.get(id, scope);
  }

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: DepartmentDto })
  create(@Body() body: CreateDepartmentDto): Promise<DepartmentDto> {
    return this.departments.create(body);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOkResponse({ type: DepartmentDto })
  update(@Param('id') id: string, @Body() body: UpdateDepartmentDto): Promise<DepartmentDto> {
    return this.departments.update(id, body);
  }
}
