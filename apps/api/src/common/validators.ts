import { isIsoDate, MONEY_PATTERN } from '@luodi/domain';
import { Matches, registerDecorator, ValidateIf, type ValidationOptions } from 'class-validator';

/** A calendar date `YYYY-MM-DD` that exists. */
export function IsIsoDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isIsoDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'must be a date written YYYY-MM-DD', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isIsoDate(value) },
    });
}

/** Money in 万元: a non-negative decimal string with at most two decimals. */
export const IsMoney = (options?: ValidationOptions): PropertyDecorator =>
  Matches(MONEY_PATTERN, {
    message: 'must be a non-negative decimal string in 万元 with at most 2 decimals, e.g. "12500.50"',
    ...options,
  });

/** A database id: a decimal string. */
export const IsId = (options?: ValidationOptions): PropertyDecorator =>
  Matches(/^\d{1,19}$/, { message: 'must be an id (a string of digits)', ...options });

/**
 * Optional, but not null: the field may be left out, and when given it must pass the other rules
 * (class-validator's IsOptional would also let `null` through to a NOT NULL column).
 */
export const IsOptionalNotNull = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);
