import {
  type ArgumentMetadata,
  BadRequestException,
  ValidationPipe,
  type ValidationError,
} from '@nestjs/common';
import { CODED_RULES } from './validators';

/** Flatten class-validator errors to `field: rule` lines, nested fields as `a.b`. */
export function describeValidationErrors(errors: ValidationError[], parent = ''): string[] {
  const lines: string[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) {
      const rule = message.startsWith(`property ${error.property} should not exist`)
        ? 'is not an allowed field'
        : message.replace(new RegExp(`^${error.property} `), '');
      lines.push(`${field}: ${rule}`);
    }
    if (error.children?.length) lines.push(...describeValidationErrors(error.children, field));
  }
  return lines;
}

/** The stable code of the first failed rule that has one (see CODED_RULES), if any. */
export function codeOfValidationErrors(errors: ValidationError[]): string | undefined {
  for (const error of errors) {
    const code = Object.keys(error.constraints ?? {}).find((name) =>
      (CODED_RULES as readonly string[]).includes(name),
    );
    if (code) return code;
    const nested = codeOfValidationErrors(error.children ?? []);
    if (nested) return nested;
  }
  return undefined;
}

/** The 400 a bad request gets: `field: rule` lines, and `code` when the rule has one. */
export function validationException(errors: ValidationError[]): BadRequestException {
  const message = describeValidationErrors(errors).join('; ');
  const code = codeOfValidationErrors(errors);
  return new BadRequestException(code ? { message, code } : message);
}

/**
 * Nest's ValidationPipe, plus: a JSON body bound to a DTO must be an object. Nest would validate
 * `null` as `{}` (and an array element by element), so `PATCH … null` passed as an empty change.
 * An absent body (no content) stays allowed: routes whose fields are all optional take none.
 */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (
      metadata.type === 'body' &&
      !metadata.data &&
      typeof metadata.metatype === 'function' &&
      ![Object, String, Number, Boolean, Array].includes(metadata.metatype as never) &&
      value !== undefined &&
      (value === null || typeof value !== 'object' || Array.isArray(value))
    ) {
      throw new BadRequestException({ message: 'body: must be a JSON object', code: 'body_not_object' });
    }
    return super.transform(value, metadata);
  }
}

/** Whitelist, refuse unknown fields, transform to DTO types; answers 400 naming each field and rule. */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: validationException,
  });
}
