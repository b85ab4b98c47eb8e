import { Entity, Index, Unique } from 'typeorm';
import { CreatedAtColumn, DateColumn, IdColumn, IdRefColumn, VarcharColumn } from './columns';

/**
 * The start forecast of one project kept at one month-end (routes-and-forecast §3): written by the
 * forecast-snapshot job for every project on a route not started at that date, and compared with the
 * actual start once the project starts (forecast accuracy). One row per project and month-end; the
 * first write wins (a re-run for the same month-end fills in what is missing and changes nothing
 * else). No foreign keys: a kept record, like the duration history, never referenced.
 */
@Entity({ name: 'forecast_snapshot' })
@Unique('uq_forecast_snapshot_project_date', ['projectId', 'snapshotDate'])
export class ForecastSnapshotEntity {
  @IdColumn()
  id!: string;

  @IdRefColumn('project_id')
  projectId!: string;

  /** The month's last calendar day (Asia/Shanghai) the forecast is as of. */
  @Index('idx_forecast_snapshot_date')
  @DateColumn('snapshot_date')
  snapshotDate!: string;

  @DateColumn('promise_bound')
  promiseBound!: string;

  @DateColumn('p50')
  p50!: string;

  @DateColumn('p80')
  p80!: string;

  @IdRefColumn('binding_milestone_id', { nullable: true })
  bindingMilestoneId!: string | null;

  @VarcharColumn('binding_item_code', 32, { nullable: true })
  bindingItemCode!: string | null;

  /** The department the snapshot is counted under (null: no binding item; counted overall only). */
  @Index('idx_forecast_snapshot_department')
  @IdRefColumn('binding_department_id', { nullable: true })
  bindingDepartmentId!: string | null;

  @DateColumn('planned_start_date', { nullable: true })
  plannedStartDate!: string | null;

  @CreatedAtColumn()
  createdAt!: Date;
}
