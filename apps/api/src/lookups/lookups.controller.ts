import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Lookup, Page } from '@luodi/contracts';
import { DomainError, NotFound } from '@luodi/domain';
import { LookupItemEntity, LookupRepository } from '@luodi/persistence';
import { DataSource } from 'typeorm';
import { Roles } from '../auth/access.decorators';
import { CreateLookupDto, LookupQueryDto, UpdateLookupDto } from './lookups.dto';

/** Managed lists (signing events, industries, locations): read by all, kept by the bureau and admins. */
@ApiTags('lookups')
@ApiBearerAuth()
@Controller('lookups')
export class LookupsController {
  constructor(
    private readonly lookups: LookupRepository,
    private readonly dataSource: DataSource,
  ) {}

  @Get()
  @Roles('admin', 'bureau', 'leader', 'department')
  async list(@Query() query: LookupQueryDto): Promise<Page<Lookup>> {
    const items = await this.lookups.list(query.kind);
    return { items, total: items.length };
  }

  @Post()
  @Roles('admin', 'bureau')
  async create(@Body() body: CreateLookupDto): Promise<Lookup> {
    if (await this.lookups.findByName(body.kind, body.name)) {
      throw new DomainError('conflict', `name: "${body.name}" is already on the ${body.kind} list`);
    }
    return this.lookups.save({
      kind: body.kind,
      name: body.name,
      sortOrder: body.sortOrder ?? 100,
      enabled: true,
    });
  }

  /** A rename carries over to the projects that use the name (one transaction, audited). */
  @Patch(':id')
  @Roles('admin', 'bureau')
  async update(@Param('id') id: string, @Body() body: UpdateLookupDto): Promise<Lookup> {
    const item = await this.lookups.findById(id);
    if (!item) throw new NotFound('list item', id);
    if (body.name && body.name !== item.name && (await this.lookups.findByName(item.kind, body.name))) {
      throw new DomainError('conflict', `name: "${body.name}" is already on the ${item.kind} list`);
    }
    return this.dataSource.transaction(async (manager) => {
      if (body.name && body.name !== item.name) {
        await manager.query(`UPDATE project SET \`${item.kind}\` = ? WHERE \`${item.kind}\` = ?`, [
          body.name,
          item.name,
        ]);
      }
      const repository = manager.getRepository(LookupItemEntity);
      return repository.save(repository.merge(item, body));
    });
  }
}
