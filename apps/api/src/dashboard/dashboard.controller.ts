import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators';
import { DepartmentsQueryDto, SummaryQueryDto } from './dashboard.dto';
import { businessDateOf } from '@luodi/domain';
import { DashboardService, type Summary } from './dashboard.service';

@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get('summary')
  @Roles('admin', 'bureau', 'leader', 'department')
  @ApiOperation({
    summary: 'The figures of domain §6 for a year at a moment (rates in [0, 1], null when undefined)',
  })
  summary(@Query() query: SummaryQueryDto): Promise<Summary> {
    return this.dashboard.summary(query);
  }

  @Get('departments')
  @Roles('admin', 'bureau', 'leader', 'department')
  @ApiOperation({
    summary: 'The department scorecard (效能): handled, on time, median days, overdue, 超时默认; ranked',
  })
  departments(@Query() query: DepartmentsQueryDto) {
    return this.dashboard.departments(query.year ?? Number(businessDateOf(new Date()).slice(0, 4)));
  }
}
