import { IsOptionalNotNull } from '../common/validators';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ALL_ROLES, type Role } from '@luodi/domain';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';

export class CreateUserDto {
  @ApiProperty({
    example: 'zhang.wei',
    description:
      '3–64 letters, digits, . _ -; stored normalised (NFKC, trimmed, lower case); invisible characters and inner spaces are refused',
  })
  @IsString()
  @MaxLength(256)
  username!: string;

  @ApiProperty({
    description:
      '12–128 characters, no composition rules; not a common or breached password, a keyboard pattern, the username or the application name',
  })
  @IsString()
  @MaxLength(1024)
  password!: string;

  @ApiProperty({ example: '张伟' })
  @IsString()
  @Length(1, 100)
  displayName!: string;

  @ApiProperty({ enum: ALL_ROLES })
  @IsIn(ALL_ROLES, { message: `must be one of ${ALL_ROLES.join(', ')}` })
  role!: Role;

  @ApiPropertyOptional({ description: 'required for department users', nullable: true, type: String })
  @ValidateIf((dto: CreateUserDto) => dto.role === 'department' || dto.departmentId !== undefined)
  @IsString({ message: 'is required for a department user (a department id)' })
  @Matches(/^\d{1,19}$/, { message: 'must be a department id' })
  departmentId?: string | null;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @Length(1, 100)
  displayName?: string;

  @ApiPropertyOptional({ enum: ALL_ROLES })
  @IsOptionalNotNull()
  @IsIn(ALL_ROLES, { message: `must be one of ${ALL_ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @Matches(/^\d{1,19}$/, { message: 'must be a department id' })
  departmentId?: string | null;

  @ApiPropertyOptional({ description: 'false ends every session of the user at once' })
  @IsOptionalNotNull()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({
    description: 'a new password (same rules as on creation); ends the user’s sessions',
  })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(1024)
  password?: string;
}
