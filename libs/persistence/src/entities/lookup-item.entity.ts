import { LOOKUP_KINDS, type LookupKind } from '@luodi/domain';
import { Column, Entity, Unique } from 'typeorm';
import { IdColumn, VarcharColumn } from './columns';

/** Managed lists: signing events (沪洽会, 港洽会, 中博会 …), industries, locations (乡镇/园区). */
@Entity({ name: 'lookup_item' })
@Unique('uq_lookup_item_kind_name', ['kind', 'name'])
export class LookupItemEntity {
  @IdColumn()
  id!: string;

  @Column({ name: 'kind', type: 'enum', enum: LOOKUP_KINDS })
  kind!: LookupKind;

  @VarcharColumn('name', 64)
  name!: string;

  @Column({ name: 'sort_order', type: 'int', default: 0 })
  sortOrder!: number;

  @Column({ name: 'enabled', type: 'boolean', default: true })
  enabled!: boolean;
}
