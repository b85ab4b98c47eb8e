import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsIsoDate } from '../common/validators';

export class ForecastQueryDto {
  @ApiPropertyOptional({
    example: '2026-10-31',
    description:
      'the day of the forecast (the end of that day, Asia/Shanghai), not after today (date_in_future); default today',
  })
  @IsOptional()
  @IsIsoDate()
  asOf?: string;
}
