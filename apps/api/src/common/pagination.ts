import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsQueryInt } from './validators';

/** The highest page a list serves (with pageSize ≤ 200: an offset of at most 200 million rows). */
export const MAX_PAGE = 1_000_000;
export const MAX_PAGE_SIZE = 200;

/** `page` (1..1 000 000) and `pageSize` (1..200) of every list, written in plain digits. */
export class PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @IsQueryInt(1, MAX_PAGE)
  page: number = 1;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  @IsOptional()
  @IsQueryInt(1, MAX_PAGE_SIZE)
  pageSize: number = 50;
}

/** The longest search text (`q`) a list takes. */
export const MAX_SEARCH_LENGTH = 100;

/** A paged list with a search box: `q` (≤ 100 characters; trimmed, blank = no search). */
export class SearchPageQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: MAX_SEARCH_LENGTH, description: 'search text (trimmed; blank = all)' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_SEARCH_LENGTH)
  q?: string;
}

/**
 * A list that answers every row unless asked for a page (the department pickers read them all): `page`
 * and `pageSize` without defaults, and `q`.
 */
export class OptionalPageSearchQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE, description: 'default: every row' })
  @IsOptional()
  @IsQueryInt(1, MAX_PAGE)
  page?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
    description: 'default: every row',
  })
  @IsOptional()
  @IsQueryInt(1, MAX_PAGE_SIZE)
  pageSize?: number;

  @ApiPropertyOptional({ maxLength: MAX_SEARCH_LENGTH, description: 'search text (trimmed; blank = all)' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_SEARCH_LENGTH)
  q?: string;
}

/** Every list answers `{ items, total }`: the one definition lives in libs/contracts. */
export type { Page } from '@luodi/contracts';
