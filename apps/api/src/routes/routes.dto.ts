import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { MAX_ROUTE_STAGE_NAME, MAX_ROUTE_TARGET_DAYS, ROUTE_STAGES } from '@luodi/domain';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsId } from '../common/validators';

/**
 * The optional `after` of a route item: the item codes of the same stage it follows (decorators listed
 * bottom first, the order in which a stack of them on the property is applied).
 */
const AfterItems = (): PropertyDecorator =>
  applyDecorators(
    Length(1, 32, { each: true }),
    IsString({ each: true }),
    ArrayMaxSize(20),
    IsArray(),
    IsOptional(),
    ApiPropertyOptional({ type: [String], example: ['LAND_PRE'], description: 'items of the same stage' }),
  );

/** An item of a template's stage: the catalog item and the items of its stage it follows. */
export class RouteStageItemDto {
  @ApiProperty({ example: 'LAND_PLAN' }) @IsString() @Length(1, 32) itemCode!: string;

  @AfterItems()
  after?: string[];
}

/** A stage of a template: its name and items (its number is its position in `stages`). */
export class RouteStageDto {
  @ApiProperty({ example: '立项用地规划许可' }) @IsString() @Length(1, MAX_ROUTE_STAGE_NAME) name!: string;

  @ApiProperty({ type: [RouteStageItemDto] })
  @IsArray()
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => RouteStageItemDto)
  items!: RouteStageItemDto[];
}

/** An item added to a project's route: the catalog item, its stage (1–4) and the items it follows. */
export class RouteItemDto {
  @ApiProperty({ example: 'LAND_PLAN' }) @IsString() @Length(1, 32) itemCode!: string;

  @ApiProperty({ enum: ROUTE_STAGES, example: 1 })
  @IsIn(ROUTE_STAGES, { message: 'must be 1, 2, 3 or 4' })
  stage!: number;

  @AfterItems()
  after?: string[];
}

/** A whole template version (creating a template, or a new version of one: versions are immutable). */
export class RouteTemplateDto {
  @ApiProperty({ example: '工程建设项目审批（四阶段）' }) @IsString() @Length(1, 100) name!: string;

  @ApiPropertyOptional({ default: 60, description: 'the promised total in working days' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ROUTE_TARGET_DAYS)
  targetDays?: number;

  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() active?: boolean;

  @ApiProperty({
    type: [RouteStageDto],
    description: 'the stages in order (stage n = the n-th entry, at most four), each with its items',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROUTE_STAGES.length)
  @ValidateNested({ each: true })
  @Type(() => RouteStageDto)
  stages!: RouteStageDto[];
}

export class ApplyRouteDto {
  @ApiPropertyOptional({
    description: 'the template version to apply (api.md); omitted: the newest active default template',
  })
  @IsOptional()
  @IsId()
  templateId?: string;

  @ApiPropertyOptional({
    default: false,
    description:
      'replace the route already applied (otherwise 409 route_already_applied): the milestones of the new ' +
      "template's items are placed on it (missing ones created planned); milestones the new template " +
      'lacks are kept, off the route — nothing recorded is deleted',
  })
  @IsOptional()
  @IsBoolean()
  replace?: boolean;
}

export class AddRouteItemDto extends RouteItemDto {}
