import { Entity, Index } from 'typeorm';
import { DatedAmountRow } from './project-row';

/** A dated payment of support (扶持资金, 万元) to a project's company (commitments.md §1), like funds. */
@Entity({ name: 'subsidy_payment' })
@Index('idx_subsidy_payment_project_at', ['projectId', 'at'])
export class SubsidyPaymentEntity extends DatedAmountRow('subsidy_payment') {}
