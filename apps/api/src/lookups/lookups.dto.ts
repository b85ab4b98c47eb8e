import { IsOptionalNotNull } from '../common/validators';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LOOKUP_KINDS } from '@luodi/persistence';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export class LookupQueryDto {
  @ApiPropertyOptional({ enum: LOOKUP_KINDS })
  @IsOptional()
  @IsIn(LOOKUP_KINDS, { message: `must be one of ${LOOKUP_KINDS.join(', ')}` })
  kind?: (typeof LOOKUP_KINDS)[number];
}

export class CreateLookupDto {
  @ApiProperty({ enum: LOOKUP_KINDS })
  @IsIn(LOOKUP_KINDS, { message: `must be one of ${LOOKUP_KINDS.join(', ')}` })
  kind!: (typeof LOOKUP_KINDS)[number];

  @ApiProperty({ example: '进博会' })
  @IsString()
  @Length(1, 64)
  name!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  sortOrder?: number;
}

export class UpdateLookupDto {
  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @Length(1, 64)
  name?: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(10000)
  sortOrder?: number;
}
