import {
  Column,
  type ColumnOptions,
  CreateDateColumn,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** Options the column helpers below pass on to TypeORM's `@Column` (name and type are fixed by the helper). */
export type ColumnExtras = Pick<ColumnOptions, 'nullable' | 'unique' | 'default'>;

/** `id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY`. */
export const IdColumn = (): PropertyDecorator =>
  PrimaryGeneratedColumn({ name: 'id', type: 'bigint', unsigned: true });

/** A `BIGINT UNSIGNED` column holding the id of another row (ids are read as strings). */
export const IdRefColumn = (name: string, extras: ColumnExtras = {}): PropertyDecorator =>
  Column({ name, type: 'bigint', unsigned: true, ...extras });

/** A `DATETIME(3)` moment. */
export const MomentColumn = (name: string, extras: ColumnExtras = {}): PropertyDecorator =>
  Column({ name, type: 'datetime', precision: 3, ...extras });

/** A calendar `DATE` (read as a `YYYY-MM-DD` string). */
export const DateColumn = (name: string, extras: ColumnExtras = {}): PropertyDecorator =>
  Column({ name, type: 'date', ...extras });

/** A `VARCHAR(length)` text. */
export const VarcharColumn = (name: string, length: number, extras: ColumnExtras = {}): PropertyDecorator =>
  Column({ name, type: 'varchar', length, ...extras });

/** A `DECIMAL(14,2)` amount of money (万元, read as a string). */
export const MoneyColumn = (name: string, extras: ColumnExtras = {}): PropertyDecorator =>
  Column({ name, type: 'decimal', precision: 14, scale: 2, ...extras });

/**
 * The relation of a foreign key: `@ManyToOne` on the entity `target` joined by `column`, with the
 * constraint named `constraintName` (the migrations name every foreign key).
 */
export const ForeignKey =
  <T>(
    target: () => new (...args: never[]) => T,
    column: string,
    constraintName: string,
    onDelete: 'CASCADE' | 'RESTRICT',
    extras: { nullable?: boolean } = {},
  ): PropertyDecorator =>
  (prototype, property) => {
    JoinColumn({ name: column, foreignKeyConstraintName: constraintName })(prototype, property);
    ManyToOne(target, { onDelete, ...extras })(prototype, property);
  };

/** A `DATETIME(3)` the database sets (`CURRENT_TIMESTAMP(3)`). */
const databaseMoment = (name: string) =>
  ({ name, type: 'datetime', precision: 3, default: () => 'CURRENT_TIMESTAMP(3)' }) as const;

/** `created_at DATETIME(3)`, set by the database on insert. */
export const CreatedAtColumn = (): PropertyDecorator => CreateDateColumn(databaseMoment('created_at'));

/** `updated_at DATETIME(3)`, set by the database on insert and update. */
export const UpdatedAtColumn = (): PropertyDecorator =>
  UpdateDateColumn({ ...databaseMoment('updated_at'), onUpdate: 'CURRENT_TIMESTAMP(3)' });
