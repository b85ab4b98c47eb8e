import { Body, Get, Param, Patch, Post, Query } from '@nestjs/common';

import type { Lookup, Page } from '@luodi/contracts';
import { AnyRole, ApiController, Roles } from '../auth/access.decorators';
import { CreateLookupDto, LookupQueryDto, UpdateLookupDto } from './lookups.dto';
import { LookupsService } from './lookups.service';

/** Managed lists (signing events, industries, locations): read by all, kept by the bureau and admins. */
@ApiController('lookups', 'lookups')
export class LookupsController {
  constructor(private readonly lookups: LookupsService) {}

  @Get()
  @AnyRole()
  list(@Query() query: LookupQueryDto): Promise<Page<Lookup>> {
    return this.lookups.list(query);
  }

  @Post()
  @Roles('admin', 'bureau')
  create(@Body() body: CreateLookupDto): Promise<Lookup> {
    return this.lookups.create(body);
  }

  /** A rename carries over to the projects that use the name (one transaction, audited). */
  @Patch(':id')
  @Roles('admin', 'bureau')
  update(@Param('id') id: string, @Body() body: UpdateLookupDto): Promise<Lookup> {
    return this.lookups.update(id, body);
  }
}
