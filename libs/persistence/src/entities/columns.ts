import { CreateDateColumn, UpdateDateColumn } from 'typeorm';

/** `created_at DATETIME(3)`, set by the database on insert. */
export const CreatedAtColumn = (): PropertyDecorator =>
  CreateDateColumn({
    name: 'created_at',
    type: 'datetime',
    precision: 3,
    default: () => 'CURRENT_TIMESTAMP(3)',
  });

/** `updated_at DATETIME(3)`, set by the database on insert and update. */
export const UpdatedAtColumn = (): PropertyDecorator =>
  UpdateDateColumn({
    name: 'updated_at',
    type: 'datetime',
    precision: 3,
    default: () => 'CURRENT_TIMESTAMP(3)',
    onUpdate: 'CURRENT_TIMESTAMP(3)',
  });
