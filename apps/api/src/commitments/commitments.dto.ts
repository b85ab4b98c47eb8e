import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CLAWBACK_BASES,
  type ClawbackBasis,
  COMMITMENT_INDICATORS,
  COMMITMENT_LIST_FILTERS,
  type CommitmentIndicator,
  type CommitmentListFilter,
  PER_MU_BUCKET_INDICATORS,
  type PerMuBucketIndicator,
  REVIEW_DECISIONS,
  type ReviewDecision,
} from '@luodi/domain';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageQueryDto } from '../common/pagination';
import { IsId, IsIsoDate, IsMoney } from '../common/validators';

const PER_MU_EDGE = /^\d{1,12}(\.\d{1,4})?$/;
const oneOf = (list: readonly string[]) => ({ message: `must be one of ${list.join(', ')}` });

export class ClauseDto {
  @ApiProperty({ enum: COMMITMENT_INDICATORS })
  @IsIn(COMMITMENT_INDICATORS, oneOf(COMMITMENT_INDICATORS))
  indicator!: CommitmentIndicator;

  @ApiPropertyOptional({
    example: '30.00',
    description: 'value clauses: 万元, 万元/亩 or persons (whole), decimal string > 0',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,12}(\.\d{1,2})?$/, { message: 'must be a decimal > 0 with at most two decimals' })
  agreedValue?: string | null;

  @ApiPropertyOptional({
    example: '2026-06-30',
    description: 'date clauses (start_by, operate_by, full_production_by)',
  })
  @IsOptional()
  @IsIsoDate()
  agreedDate?: string | null;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'cumulative and point value clauses' })
  @IsOptional()
  @IsIsoDate()
  dueDate?: string | null;

  @ApiPropertyOptional({ example: 2026, description: 'annual value clauses: the assessed year' })
  @IsOptional()
  @IsInt({ message: 'must be a year like 2026' })
  @Min(1990)
  @Max(2100)
  year?: number | null;

  @ApiPropertyOptional({ example: '0.5', description: '0–1, up to four decimals' })
  @IsOptional()
  @IsString()
  @MaxLength(8)
  clawbackRatio?: string | null;

  @ApiPropertyOptional({ enum: CLAWBACK_BASES })
  @IsOptional()
  @IsIn(CLAWBACK_BASES, oneOf(CLAWBACK_BASES))
  clawbackBasis?: ClawbackBasis | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string | null;
}

/** A patch of a clause: the fields sent replace the clause's (the result is checked as a whole). */
export class ClausePatchDto {
  @ApiPropertyOptional({ enum: COMMITMENT_INDICATORS })
  @IsOptional()
  @IsIn(COMMITMENT_INDICATORS, oneOf(COMMITMENT_INDICATORS))
  indicator?: CommitmentIndicator;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,12}(\.\d{1,2})?$/, { message: 'must be a decimal > 0 with at most two decimals' })
  agreedValue?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsIsoDate() agreedDate?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsIsoDate() dueDate?: string | null;
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt({ message: 'must be a year like 2026' })
  @Min(1990)
  @Max(2100)
  year?: number | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(8) clawbackRatio?: string | null;
  @ApiPropertyOptional({ enum: CLAWBACK_BASES })
  @IsOptional()
  @IsIn(CLAWBACK_BASES, oneOf(CLAWBACK_BASES))
  clawbackBasis?: ClawbackBasis | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string | null;
}

export class SubsidyDto {
  @ApiProperty({ example: '200.00', description: '万元, > 0' })
  @IsMoney()
  amount!: string;

  @ApiProperty({ example: '2025-06-30', description: 'the payment date; not in the future' })
  @IsIsoDate()
  at!: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class ActualDto {
  @ApiPropertyOptional({ example: '320.50', description: 'tax paid in the period, 万元' })
  @IsOptional()
  @IsMoney()
  taxPaid?: string | null;

  @ApiPropertyOptional({ example: '12000.00', description: 'output value in the period, 万元' })
  @IsOptional()
  @IsMoney()
  outputValue?: string | null;

  @ApiPropertyOptional({
    example: '45000.00',
    description: 'fixed-asset investment, cumulative at the period end, 万元',
  })
  @IsOptional()
  @IsMoney()
  fixedAssetInvestment?: string | null;

  @ApiPropertyOptional({ example: 180, description: 'headcount at the period end' })
  @IsOptional()
  @IsInt({ message: 'must be a whole number of persons' })
  @Min(0)
  @Max(1_000_000)
  headcount?: number | null;
}

export class AssessmentQueryDto {
  @ApiPropertyOptional({
    example: '2026-11-25',
    description: 'assess as of this day (default today, Asia/Shanghai)',
  })
  @IsOptional()
  @IsIsoDate()
  asOf?: string;
}

export class ReviewDecisionDto {
  @ApiProperty({ enum: REVIEW_DECISIONS })
  @IsIn(REVIEW_DECISIONS, oneOf(REVIEW_DECISIONS))
  decision!: ReviewDecision;

  @ApiPropertyOptional({
    example: '12.50',
    description: 'reduce: the clawback decided (below the recommendation)',
  })
  @IsOptional()
  @IsMoney()
  amount?: string;

  @ApiPropertyOptional({ description: 'required to reduce or waive' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class CommitmentListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: COMMITMENT_LIST_FILTERS, description: 'the figure drilled from' })
  @IsOptional()
  @IsIn(COMMITMENT_LIST_FILTERS, oneOf(COMMITMENT_LIST_FILTERS))
  filter?: CommitmentListFilter;

  @ApiPropertyOptional({ example: '2026-11-25' })
  @IsOptional()
  @IsIsoDate()
  asOf?: string;

  @ApiPropertyOptional({
    example: 2026,
    description: 'the figures year (for per_mu: perMuYear follows from it)',
  })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'must be a year like 2026' })
  year?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) source?: string;
  @ApiPropertyOptional() @IsOptional() @IsId() departmentId?: string;

  @ApiPropertyOptional({
    enum: PER_MU_BUCKET_INDICATORS,
    description: 'with filter=per_mu: the distribution whose bar was drilled (from ≤ value < to)',
  })
  @IsOptional()
  @IsIn(PER_MU_BUCKET_INDICATORS, oneOf(PER_MU_BUCKET_INDICATORS))
  indicator?: PerMuBucketIndicator;

  @ApiPropertyOptional({ example: '10', description: "the bar's lower edge (万元/亩, inclusive)" })
  @IsOptional()
  @Matches(PER_MU_EDGE, { message: 'must be a decimal ≥ 0 with at most four decimals' })
  from?: string;

  @ApiPropertyOptional({ example: '20', description: "the bar's upper edge (万元/亩, exclusive)" })
  @IsOptional()
  @Matches(PER_MU_EDGE, { message: 'must be a decimal ≥ 0 with at most four decimals' })
  to?: string;
}
