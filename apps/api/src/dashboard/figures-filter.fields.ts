import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsId, IsQueryInt } from '../common/validators';

// The decorators are listed bottom first: the order in which a stack of them written on the
// property is applied (so the rules and their messages come in the same order as before).

/** The cockpit's and the report's optional `source` filter (a lookup name). */
export const FiguresSourceFilter = (): PropertyDecorator =>
  applyDecorators(MaxLength(64), IsString(), IsOptional(), ApiPropertyOptional({ example: '沪洽会' }));

/** The cockpit's and the report's optional department filter. */
export const FiguresDepartmentFilter = (): PropertyDecorator =>
  applyDecorators(
    IsId(),
    IsOptional(),
    ApiPropertyOptional({
      example: '3',
      description:
        'the lead department of the projects (project and key-work figures); the deciding department (approval figures)',
    }),
  );

/** The year of the figures (default this year, Asia/Shanghai). */
export const FiguresYear = (): PropertyDecorator =>
  applyDecorators(
    IsQueryInt(2000, 2100),
    IsOptional(),
    ApiPropertyOptional({ example: 2026, description: 'default: this year (Asia/Shanghai)' }),
  );
