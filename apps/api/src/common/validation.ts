import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

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

/** Whitelist, refuse unknown fields, transform to DTO types; answers 400 naming each field and rule. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new BadRequestException(describeValidationErrors(errors).join('; ')),
  });
}
