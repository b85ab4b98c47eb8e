import { Body, Get, Patch } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ApprovalSettings } from '@luodi/contracts';
import { REGION_CODE_PREFIX_PATTERN } from '@luodi/domain';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { ApiController, Roles } from '../auth/access.decorators';
import { IsMoney, IsOptionalNotNull } from '../common/validators';
import { SettingsService } from './settings.service';

export class SettingsDto implements ApprovalSettings {
  @ApiProperty() yellowDays!: number;
  @ApiProperty() deemedApprovalThreshold!: string;
  @ApiProperty() notRegisteredDays!: number;
  @ApiProperty() notStartedDays!: number;
  @ApiProperty({ example: '330106' }) regionCodePrefix!: string;
}

export class UpdateSettingsDto {
  @ApiPropertyOptional({ description: 'the light turns yellow at this many remaining working days' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(30)
  yellowDays?: number;

  @ApiPropertyOptional({ description: '万元: 超时默认 applies to projects of at least this amount' })
  @IsOptionalNotNull()
  @IsMoney()
  deemedApprovalThreshold?: string;

  @ApiPropertyOptional({ description: 'days after signing without registration → not_registered' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(3650)
  notRegisteredDays?: number;

  @ApiPropertyOptional({ description: 'days after registering without a start → not_started' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(3650)
  notStartedDays?: number;

  @ApiPropertyOptional({
    example: '330106',
    description:
      "项目代码's region group must start with this (0–6 digits; empty = any region); existing codes are not rechecked",
  })
  @IsOptionalNotNull()
  @IsString()
  @Matches(REGION_CODE_PREFIX_PATTERN, { message: 'must be 0–6 digits (a region code prefix)' })
  regionCodePrefix?: string;
}

@ApiController('settings', 'settings')
@Roles('admin')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  get(): Promise<SettingsDto> {
    return this.settings.get();
  }

  /** Changing a threshold recomputes the lights (and 超时默认) of every open milestone. */
  @Patch()
  update(@Body() body: UpdateSettingsDto): Promise<SettingsDto> {
    return this.settings.update(body);
  }
}
