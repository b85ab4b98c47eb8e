import { Injectable } from '@nestjs/common';
import type { CommitmentFigures, CommitmentProjectRow } from '@luodi/contracts';
import {
  type AccessScope,
  businessDateOf,
  commitmentFigures,
  commitmentFlags,
  inCommitmentList,
  inPerMuBucket,
  type IsoDate,
} from '@luodi/domain';
import {
  CommitmentRepository,
  type CommitmentSubject,
  type CommitmentSubjectFilter,
} from '@luodi/persistence';
import { Clock } from '@luodi/server-core';
import type { Page } from '../common/pagination';
import type { CommitmentListQueryDto } from './commitments.dto';

/** The review's decided clawback as of a day: a decision counts from the day it was taken. */
function decidedBy(subject: CommitmentSubject, asOf: IsoDate): string | null {
  const review = subject.review;
  return review && businessDateOf(review.decidedAt) <= asOf ? review.amount : null;
}

function flagsOf(subject: CommitmentSubject, asOf: IsoDate, year: number) {
  return commitmentFlags(
    {
      ...subject.project,
      clauses: subject.clauses,
      actuals: subject.actuals,
      decidedClawback: decidedBy(subject, asOf),
    },
    asOf,
    year,
  );
}

/**
 * The commitment figures of the cockpit (commitments.md §5) and the lists behind them: both from the
 * same per-project flags (libs/domain commitment-figures.ts), so a list's total is its figure.
 */
@Injectable()
export class CommitmentFiguresService {
  constructor(
    private readonly commitments: CommitmentRepository,
    private readonly clock: Clock,
  ) {}

  async figures(filter: CommitmentSubjectFilter, asOf: IsoDate, year: number): Promise<CommitmentFigures> {
    const subjects = await this.commitments.subjects(filter);
    return commitmentFigures(
      subjects.map((subject) => flagsOf(subject, asOf, year)),
      subjects.map((subject) => decidedBy(subject, asOf)),
      asOf,
      year,
    );
  }

  async list(query: CommitmentListQueryDto, scope: AccessScope): Promise<Page<CommitmentProjectRow>> {
    const asOf = query.asOf ?? businessDateOf(this.clock.now());
    const year = query.year ? Number(query.year) : Number(asOf.slice(0, 4));
    const subjects = await this.commitments.subjects(
      { source: query.source, leadDepartmentId: query.departmentId },
      scope,
    );
    const rows = subjects
      .map((subject) => ({ subject, flags: flagsOf(subject, asOf, year) }))
      .filter(({ flags }) => !query.filter || inCommitmentList(flags, query.filter))
      .filter(
        ({ flags }) =>
          query.filter !== 'per_mu' ||
          !query.indicator ||
          inPerMuBucket(flags, query.indicator, query.from, query.to),
      );
    const start = (query.page - 1) * query.pageSize;
    return {
      total: rows.length,
      items: rows.slice(start, start + query.pageSize).map(({ subject: { project }, subject, flags }) => ({
        projectId: project.id,
        projectCode: project.code,
        projectName: project.name,
        creditCode: project.creditCode,
        stage: project.stage,
        leadDepartmentId: project.leadDepartmentId,
        leadDepartmentName: project.leadDepartmentName,
        landAreaMu: project.landAreaMu,
        landSuppliedAt: project.landSuppliedAt,
        startedAt: project.startedAt,
        operatingAt: project.operatingAt,
        fullProductionAt: project.fullProductionAt,
        fullProductionBy: flags.fullProductionBy,
        clausesDue: flags.clausesDue,
        clausesMet: flags.clausesMet,
        taxPerMu: flags.taxPerMu,
        outputPerMu: flags.outputPerMu,
        recommendedClawback: flags.recommendedClawback,
        decidedClawback: decidedBy(subject, asOf),
      })),
    };
  }
}
