import { Entity, Index, Unique } from 'typeorm';
import { IdRefColumn, VarcharColumn, ForeignKey } from './columns';
import { DatedAmountRow } from './project-row';

/**
 * A dated arrival of funds (到位资金, 万元) on a project. Entries are never edited: a reversal (冲销) is
 * an entry of the negative amount on the same date naming the entry it cancels (`reversesId`), a
 * correction (更正) is a reversal plus a replacement naming the entry it corrects (`correctsId`).
 */
@Entity({ name: 'fund_arrival' })
@Unique('uq_fund_arrival_reverses', ['reversesId'])
@Index('idx_fund_arrival_project_at', ['projectId', 'at'])
// Funds entered after an as-of date (subtracted from the projects' running totals).
@Index('idx_fund_arrival_at_cover', ['at', 'projectId', 'amount'])
export class FundArrivalEntity extends DatedAmountRow('fund_arrival') {
  @IdRefColumn('reverses_id', { nullable: true })
  reversesId!: string | null;

  @ForeignKey(() => FundArrivalEntity, 'reverses_id', 'fk_fund_arrival_reverses', 'CASCADE', {
    nullable: true,
  })
  reverses?: FundArrivalEntity | null;

  @IdRefColumn('corrects_id', { nullable: true })
  correctsId!: string | null;

  @ForeignKey(() => FundArrivalEntity, 'corrects_id', 'fk_fund_arrival_corrects', 'CASCADE', {
    nullable: true,
  })
  corrects?: FundArrivalEntity | null;

  /** Why an entry was reversed or corrected (required on both). */
  @VarcharColumn('reason', 500, { nullable: true })
  reason!: string | null;
}
