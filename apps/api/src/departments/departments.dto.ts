import { IsOptionalNotNull } from '../common/validators';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import type { Department, DepartmentSummary } from '@luodi/contracts';
import { WEBHOOK_KINDS, WEBHOOK_SECRET_PATTERN, type WebhookKind } from '@luodi/domain';
import { IsEmail, IsIn, IsOptional, IsString, IsUrl, Length, Matches, MaxLength } from 'class-validator';

const KIND_DESCRIPTION =
  'which chat robot the webhook is: dingtalk (钉钉), wecom (企业微信), feishu (飞书/Lark) or generic (signed JSON)';
const SECRET_DESCRIPTION =
  'write-only signing secret (DingTalk 加签 SEC…, Feishu 签名校验 key, or the generic HMAC key); null removes it. ' +
  'Never answered: responses carry hasSecret. A WeCom robot takes none.';
const SECRET_RULE = 'must be 1–200 visible ASCII characters without spaces';

// The rules of the fields that creating and updating a department share. The decorators are listed
// bottom first, the order in which a stack written on the property is applied.
const EmailField = (api: ApiPropertyOptions): PropertyDecorator =>
  applyDecorators(
    MaxLength(254),
    IsEmail({}, { message: 'must be an e-mail address' }),
    IsOptional(),
    ApiPropertyOptional(api),
  );
const WebhookUrlField = (api: ApiPropertyOptions): PropertyDecorator =>
  applyDecorators(
    MaxLength(500),
    IsUrl(
      { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
      { message: 'must be an http(s) URL' },
    ),
    IsOptional(),
    ApiPropertyOptional(api),
  );
const WebhookKindField = (): PropertyDecorator =>
  applyDecorators(
    IsIn(WEBHOOK_KINDS, { message: `must be one of ${WEBHOOK_KINDS.join(', ')}` }),
    IsOptionalNotNull(),
    ApiPropertyOptional({ enum: WEBHOOK_KINDS, description: KIND_DESCRIPTION }),
  );
const WebhookSecretField = (): PropertyDecorator =>
  applyDecorators(
    Matches(WEBHOOK_SECRET_PATTERN, { message: SECRET_RULE }),
    IsString(),
    IsOptional(),
    ApiPropertyOptional({ nullable: true, type: String, writeOnly: true, description: SECRET_DESCRIPTION }),
  );

export class CreateDepartmentDto {
  @ApiProperty({ example: 'NRB', description: 'short code: letters, digits, _ or -' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{2,32}$/, { message: 'must be 2–32 letters, digits, _ or -' })
  code!: string;

  @ApiProperty({ example: '自然资源局' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @EmailField({ example: 'zrzyj@district.gov.cn', nullable: true })
  email?: string | null;

  @WebhookUrlField({ example: 'https://robot.example.gov.cn/hook/abc', nullable: true })
  webhookUrl?: string | null;

  @WebhookKindField()
  webhookKind?: WebhookKind;

  @WebhookSecretField()
  webhookSecret?: string | null;
}

export class UpdateDepartmentDto {
  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @Length(1, 100)
  name?: string;

  @EmailField({ nullable: true })
  email?: string | null;

  @WebhookUrlField({ nullable: true })
  webhookUrl?: string | null;

  @WebhookKindField()
  webhookKind?: WebhookKind;

  @WebhookSecretField()
  webhookSecret?: string | null;
}

/** The OpenAPI description of `DepartmentSummary` (libs/contracts). */
export class DepartmentSummaryDto implements DepartmentSummary {
  @ApiProperty() id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
}

/** The OpenAPI description of `Department` (libs/contracts). */
export class DepartmentDto extends DepartmentSummaryDto implements Department {
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ nullable: true, type: String }) webhookUrl!: string | null;
  @ApiProperty({ enum: WEBHOOK_KINDS, description: KIND_DESCRIPTION }) webhookKind!: WebhookKind;
  @ApiProperty({ description: 'whether a signing secret is stored (the secret itself is never answered)' })
  hasSecret!: boolean;
}
