import { IsOptionalNotNull } from '../common/validators';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LOOKUP_KINDS, type LookupKind } from '@luodi/domain';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export class LookupQueryDto {
  @ApiPropertyOptional({ enum: LOOKUP_KINDS })
  @IsOptional()
  @IsIn(LOOKUP_KINDS, { message: `must be one of ${LOOKUP_KINDS.join(', ')}` })
  kind?: LookupKind;
}

export class CreateLookupDto {
  @ApiProperty({ enum: LOOKUP_KINDS })
  @IsIn(LOOKUP_KINDS, { message: `must be one of ${LOOKUP_KINDS.join(', ')}` })
  kind!: LookupKind;

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
