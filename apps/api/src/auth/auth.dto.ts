import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SessionUser, SignInResult } from '@luodi/contracts';
import type { Role } from '@luodi/domain';
import { IsOptional, IsString, Length, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'bureau' })
  @IsString()
  @Length(1, 64)
  username!: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @Length(1, 256)
  password!: string;
}

export class RefreshDto {
  @ApiPropertyOptional({ description: 'The refresh token; browsers send it as an httpOnly cookie instead.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  refreshToken?: string;
}

/** The OpenAPI description of `SessionUser` (libs/contracts): the compiler keeps the two alike. */
export class UserViewDto implements SessionUser {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ['admin', 'bureau', 'leader', 'department'] }) role!: Role;
  @ApiProperty({ nullable: true, type: String }) departmentId!: string | null;
  @ApiProperty({ nullable: true, type: String }) departmentName!: string | null;
  @ApiProperty() enabled!: boolean;
}

export class LoginResultDto implements SignInResult {
  @ApiProperty() accessToken!: string;
  @ApiProperty({ description: 'seconds until the access token expires' }) expiresIn!: number;
  @ApiProperty() refreshToken!: string;
  @ApiProperty({ description: 'seconds until the refresh token expires (unless used or revoked first)' })
  refreshExpiresIn!: number;
  @ApiProperty({ type: UserViewDto }) user!: UserViewDto;
}
