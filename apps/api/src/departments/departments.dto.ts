import { IsOptionalNotNull } from '../common/validators';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, IsUrl, Length, Matches, MaxLength } from 'class-validator';

export class CreateDepartmentDto {
  @ApiProperty({ example: 'NRB', description: 'short code: letters, digits, _ or -' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{2,32}$/, { message: 'must be 2–32 letters, digits, _ or -' })
  code!: string;

  @ApiProperty({ example: '自然资源局' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiPropertyOptional({ example: 'zrzyj@district.gov.cn', nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ example: 'https://robot.example.gov.cn/hook/abc', nullable: true })
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'must be an http(s) URL' },
  )
  @MaxLength(500)
  webhookUrl?: string | null;
}

export class UpdateDepartmentDto {
  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'must be an http(s) URL' },
  )
  @MaxLength(500)
  webhookUrl?: string | null;
}

export class DepartmentSummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
}

export class DepartmentDto extends DepartmentSummaryDto {
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ nullable: true, type: String }) webhookUrl!: string | null;
}
