import {
  DateColumn,
  ForeignKey,
  IdColumn,
  IdRefColumn,
  MomentColumn,
  MoneyColumn,
  VarcharColumn,
} from './columns';
import { ProjectEntity } from './project.entity';

/**
 * The columns every row kept under a project starts with: `id`, and `project_id` with its foreign key
 * `fk_<table>_project` (deleted with the project unless `onDelete` says RESTRICT). An entity of table
 * `t` extends `ProjectRow('t')`; the schema is the same as when the columns were declared in it.
 */
export function ProjectRow(table: string, onDelete: 'CASCADE' | 'RESTRICT' = 'CASCADE') {
  abstract class ProjectOwnedRow {
    @IdColumn()
    id!: string;

    @IdRefColumn('project_id')
    projectId!: string;

    @ForeignKey(() => ProjectEntity, 'project_id', `fk_${table}_project`, onDelete)
    project?: ProjectEntity;
  }
  return ProjectOwnedRow;
}

/**
 * A project's entry of a ledger or log (funds, subsidies, stages, actuals): a ProjectRow with who
 * recorded it (`recorded_by`, null for the system) and when (`recorded_at`).
 */
export function RecordedProjectRow(table: string) {
  abstract class RecordedRow extends ProjectRow(table) {
    @IdRefColumn('recorded_by', { nullable: true })
    recordedBy!: string | null;

    @MomentColumn('recorded_at')
    recordedAt!: Date;
  }
  return RecordedRow;
}

/** A dated amount (万元) booked on a project, with a note: a funds arrival (到位资金), a subsidy payment. */
export function DatedAmountRow(table: string) {
  abstract class DatedAmount extends RecordedProjectRow(table) {
    @MoneyColumn('amount')
    amount!: string;

    @DateColumn('at')
    at!: string;

    @VarcharColumn('note', 500, { nullable: true })
    note!: string | null;
  }
  return DatedAmount;
}
