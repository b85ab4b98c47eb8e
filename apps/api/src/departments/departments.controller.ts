import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AccessScope } from '@luodi/domain';
import { CurrentScope, Roles } from '../auth/access.decorators';
import type { Page } from '../common/pagination';
import {
  CreateDepartmentDto,
  DepartmentDto,
  type DepartmentSummaryDto,
  UpdateDepartmentDto,
} from './departments.dto';
import { DepartmentsService } from './departments.service';

@ApiTags('departments')
@ApiBearerAuth()
@Controller('departments')
export class DepartmentsController {
  constructor(private readonly departments: DepartmentsService) {}

  @Get()
  @Roles('admin', 'bureau', 'leader', 'department')
  list(): Promise<Page<DepartmentSummaryDto>> {
    return this.departments.list();
  }

  @Get(':id')
  @Roles('admin', 'bureau', 'leader', 'department')
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
