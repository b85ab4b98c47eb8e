import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { AuditVerification } from '@luodi/persistence';
import { ApiController, Roles } from '../auth/access.decorators';
import type { Page } from '../common/pagination';
import { AuditQueryDto } from './audit.dto';
import { type AuditEntryView, AuditService } from './audit.service';

@ApiController('audit', 'audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin', 'leader')
  @ApiOperation({ summary: 'Who changed what, when, before → after (newest first)' })
  list(@Query() query: AuditQueryDto): Promise<Page<AuditEntryView>> {
    return this.audit.list(query);
  }

  @Get('verify')
  @Roles('admin')
  @ApiOperation({ summary: 'Check the hash chain: { ok, count } and, when broken, the first broken entry' })
  @ApiOkResponse({ description: '{ ok: true, count } or { ok: false, count, firstBroken: { seq, reason } }' })
  verify(): Promise<AuditVerification> {
    return this.audit.verify();
  }
}
