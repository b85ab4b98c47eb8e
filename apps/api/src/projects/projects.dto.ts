import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INVESTOR_ORIGINS, type InvestorOrigin, PROJECT_STAGES, type ProjectStage } from '@luodi/domain';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../common/pagination';
import { InDateRange, IsId, IsIsoDate, IsMoney, IsOptionalNotNull } from '../common/validators';

const ORIGIN_RULE = { message: `must be one of ${INVESTOR_ORIGINS.join(', ')}` };
const STAGE_RULE = { message: `must be one of ${PROJECT_STAGES.join(', ')}` };
const REACHED = ['registered', 'started', 'operating', 'full_production'] as const;
const TARGET_STAGES = PROJECT_STAGES.filter(
  (stage): stage is Exclude<ProjectStage, 'negotiating'> => stage !== 'negotiating',
);
const SORTS = ['code', 'name', 'signedAt', 'contractAmount', 'stage', 'updatedAt'] as const;

export class CreateProjectDto {
  @ApiPropertyOptional({
    example: '2026-ZS-001',
    description: 'unique; generated as <year>-ZS-<n> when omitted',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{3,32}$/, { message: 'must be 3–32 letters, digits or -' })
  code?: string;

  @ApiProperty({ example: '年产10万吨新能源材料项目' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: '华东新材料科技有限公司' })
  @IsString()
  @Length(1, 200)
  investor!: string;

  @ApiProperty({ enum: INVESTOR_ORIGINS, description: 'domestic 境内 / hmt 港澳台 / foreign 境外' })
  @IsIn(INVESTOR_ORIGINS, ORIGIN_RULE)
  investorOrigin!: InvestorOrigin;

  @ApiProperty({ example: '新材料', description: 'from the managed industry list' })
  @IsString()
  @Length(1, 64)
  industry!: string;

  @ApiProperty({ example: '沪洽会', description: 'the signing event, from the managed source list' })
  @IsString()
  @Length(1, 64)
  source!: string;

  @ApiProperty({ example: '50000.00', description: '合同投资额, 万元, decimal string' })
  @IsMoney()
  contractAmount!: string;

  @ApiProperty({ example: '3' })
  @IsId()
  leadDepartmentId!: string;

  @ApiPropertyOptional({ example: '张副区长' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  leadOfficial?: string | null;

  @ApiPropertyOptional({ example: '经济开发区', description: 'from the managed location list' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  location?: string | null;

  @ApiPropertyOptional({ example: '2026-12-01' })
  @IsOptional()
  @IsIsoDate()
  plannedStartDate?: string | null;

  @ApiPropertyOptional({
    example: '2026-03-01',
    description: 'when talks started; when omitted, the signing date if given, else today',
  })
  @IsOptional()
  @IsIsoDate()
  talksStartedAt?: string;

  @ApiPropertyOptional({
    example: '2026-05-18',
    description:
      'for a project entered when already signed: the signing date (not before talksStartedAt, not in the future); the project is created in stage signed',
  })
  @IsOptional()
  @IsIsoDate()
  signedAt?: string;
  @ApiPropertyOptional({
    example: '91350100M000100Y43',
    description:
      '统一社会信用代码 of the investing company (GB 32100-2015 check character); unique among live projects',
  })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  creditCode?: string | null;

  @ApiPropertyOptional({
    example: '2026-330106-04-01-000001',
    description:
      '项目代码 of the national approval platform: 24 characters, digit groups 4-6-2-2-6; the region group starts with the regionCodePrefix setting; unique among live projects (400 project_code_format / project_code_region, 409 project_code_taken)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  projectCode?: string | null;

  @ApiPropertyOptional({
    example: '120.50',
    description: 'land granted (亩), decimal > 0 with at most two decimals',
  })
  @IsOptional()
  @IsMoney()
  landAreaMu?: string | null;

  @ApiPropertyOptional({
    example: '2025-04-01',
    description: '供地: when the land was handed over; not in the future',
  })
  @IsOptional()
  @IsIsoDate()
  landSuppliedAt?: string | null;
}

export class UpdateProjectDto {
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @Length(1, 200) investor?: string;
  @ApiPropertyOptional({ enum: INVESTOR_ORIGINS })
  @IsOptionalNotNull()
  @IsIn(INVESTOR_ORIGINS, ORIGIN_RULE)
  investorOrigin?: InvestorOrigin;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @Length(1, 64) industry?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @Length(1, 64) source?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsMoney() contractAmount?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsId() leadDepartmentId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) leadOfficial?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) location?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsIsoDate() plannedStartDate?: string | null;
  @ApiPropertyOptional({ description: '统一社会信用代码 (GB 32100-2015); null removes it' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  creditCode?: string | null;
  @ApiPropertyOptional({
    description: '项目代码 (4-6-2-2-6 digits, in the region, unique among live projects); null removes it',
  })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  projectCode?: string | null;
  @ApiPropertyOptional({ description: 'land granted (亩), > 0' })
  @IsOptional()
  @IsMoney()
  landAreaMu?: string | null;
  @ApiPropertyOptional({ description: '供地 date, not in the future' })
  @IsOptional()
  @IsIsoDate()
  landSuppliedAt?: string | null;
}

/** The most project ids one list query may name (`ids`): a month of the 预计开工 chart stays far below. */
export const MAX_LIST_IDS = 500;
const LIST_IDS = new RegExp(`^\\d{1,19}(,\\d{1,19}){0,${MAX_LIST_IDS - 1}}$`);

export class ProjectListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PROJECT_STAGES })
  @IsOptional()
  @IsIn(PROJECT_STAGES, STAGE_RULE)
  stage?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) source?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) industry?: string;
  @ApiPropertyOptional() @IsOptional() @IsId() leadDepartmentId?: string;
  @ApiPropertyOptional({ description: 'search in name, investor, code and project code (项目代码)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
  @ApiPropertyOptional({ description: 'signed in this year' })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'must be a year like 2026' })
  @InDateRange()
  year?: string;
  @ApiPropertyOptional({
    example: '2026-10-31',
    description:
      'the as-of day of a drill-down (Asia/Shanghai, default today): caps `year`, `reached` and `talksYear` at that day',
  })
  @IsOptional()
  @IsIsoDate()
  asOf?: string;
  @ApiPropertyOptional({
    enum: REACHED,
    description: 'reached that stage on or before `asOf` (its stage date is set and ≤ asOf)',
  })
  @IsOptional()
  @IsIn(REACHED, { message: `must be one of ${REACHED.join(', ')}` })
  reached?: (typeof REACHED)[number];
  @ApiPropertyOptional({
    example: '2026',
    description: "the cockpit funnel's talks cohort: talks started in that year by `asOf`, or signed in it",
  })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'must be a year like 2026' })
  @InDateRange()
  talksYear?: string;
  @ApiPropertyOptional({ example: '2026-01-01', description: 'signed on or after this day' })
  @IsOptional()
  @IsIsoDate()
  signedFrom?: string;
  @ApiPropertyOptional({ example: '2026-01-31', description: 'signed on or before this day' })
  @IsOptional()
  @IsIsoDate()
  signedTo?: string;
  @ApiPropertyOptional({ example: '2026-01-01', description: 'started (开工) on or after this day' })
  @IsOptional()
  @IsIsoDate()
  startedFrom?: string;
  @ApiPropertyOptional({ example: '2026-01-31', description: 'started (开工) on or before this day' })
  @IsOptional()
  @IsIsoDate()
  startedTo?: string;
  @ApiPropertyOptional({
    example: '2026-09-01',
    description:
      'planned to start (计划开工) on or after this day: plannedStartDate, or — without one — the last day of the planned start month of its key work of that year',
  })
  @IsOptional()
  @IsIsoDate()
  plannedStartFrom?: string;
  @ApiPropertyOptional({ example: '2026-09-30', description: 'planned to start on or before this day' })
  @IsOptional()
  @IsIsoDate()
  plannedStartTo?: string;
  @ApiPropertyOptional({
    example: '12,15,18',
    description: `only these projects (comma-separated ids, at most ${MAX_LIST_IDS}): the drill of a cockpit figure computed per project, e.g. the 预计开工 month bars`,
  })
  @IsOptional()
  @Matches(LIST_IDS, { message: `must be at most ${MAX_LIST_IDS} ids separated by commas` })
  ids?: string;
  @ApiPropertyOptional({ enum: SORTS })
  @IsOptional()
  @IsIn(SORTS, { message: `must be one of ${SORTS.join(', ')}` })
  sort?: (typeof SORTS)[number];
  @ApiPropertyOptional({ enum: ['asc', 'desc'] })
  @IsOptional()
  @IsIn(['asc', 'desc'], { message: 'must be asc or desc' })
  order?: 'asc' | 'desc';
}

export class StageChangeDto {
  @ApiProperty({ enum: TARGET_STAGES })
  @IsIn(TARGET_STAGES, { message: `must be one of ${TARGET_STAGES.join(', ')}` })
  stage!: (typeof TARGET_STAGES)[number];

  @ApiProperty({
    example: '2026-11-20',
    description: 'the date it happened (Asia/Shanghai); not in the future',
  })
  @IsIsoDate()
  at!: string;

  @ApiPropertyOptional({ description: 'required to terminate' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class FundArrivalDto {
  @ApiProperty({ example: '1200.50', description: '万元' })
  @IsMoney()
  amount!: string;

  @ApiProperty({ example: '2026-11-20' })
  @IsIsoDate()
  at!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;

  @ApiPropertyOptional({
    description:
      'true records funds that bring the total above the contract amount (otherwise 409 funds_over_contract)',
  })
  @IsOptional()
  @IsBoolean()
  confirmOverContract?: boolean;
}

export class FundReversalDto {
  @ApiProperty({ example: '重复录入', description: 'why the entry is reversed (冲销原因)' })
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(500)
  reason!: string;
}

export class FundCorrectionDto extends FundArrivalDto {
  @ApiProperty({ example: '金额录错，应为 1200.00', description: 'why the entry is corrected (更正原因)' })
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(500)
  reason!: string;
}
