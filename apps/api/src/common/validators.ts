import {
  DATE_MAX,
  DATE_MIN,
  isDateInRange,
  isIsoDate,
  isMomentInRange,
  isMonthInRange,
  MONEY_PATTERN,
  parseStrictInteger,
  YEAR_MAX,
  YEAR_MIN,
} from '@luodi/domain';
import { Transform } from 'class-transformer';
import { Matches, registerDecorator, ValidateIf, type ValidationOptions } from 'class-validator';

export const DATE_RANGE_MESSAGE = `must lie between ${DATE_MIN} and ${DATE_MAX}`;

function inDateRange(value: unknown): boolean {
  if (typeof value === 'number') return Number.isInteger(value) && value >= YEAR_MIN && value <= YEAR_MAX;
  if (typeof value !== 'string') return true; // the field's format rule reports it
  if (/^\d{4}$/.test(value)) return Number(value) >= YEAR_MIN && Number(value) <= YEAR_MAX;
  if (/^\d{4}-\d{2}$/.test(value)) return isMonthInRange(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return !isIsoDate(value) || isDateInRange(value);
  if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return isMomentInRange(value);
  return true;
}

/**
 * The one range rule of every date the API takes, in a query or a body: a year (`YYYY` or a number),
 * a month (`YYYY-MM`), a date (`YYYY-MM-DD`) or a moment (ISO-8601) must lie between 1990-01-01 and
 * 2100-12-31 (a moment by its Asia/Shanghai day). Text of another shape passes here and is left to
 * the field's format rule. Fails with the code `date_out_of_range`.
 */
export function InDateRange(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'date_out_of_range',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: DATE_RANGE_MESSAGE, ...options },
      validator: { validate: inDateRange },
    });
}

/** A calendar date `YYYY-MM-DD` that exists, between 1990-01-01 and 2100-12-31. */
export function IsIsoDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isIsoDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'must be a date written YYYY-MM-DD', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isIsoDate(value) },
    });
    InDateRange(options)(target, propertyName);
  };
}

/**
 * An integer query parameter written in plain digits (no sign, exponent, decimal point or hex)
 * within [min, max]. Query text is converted here and nowhere else (no implicit conversion), so
 * `page=1e5` or `page=99999999999999999999` is refused with the code `integer_out_of_range`.
 */
export function IsQueryInt(min: number, max: number, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? (parseStrictInteger(value, min, max) ?? value) : value,
    )(target, propertyName);
    registerDecorator({
      name: 'integer_out_of_range',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `must be an integer from ${min} to ${max}, written in digits`, ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max,
      },
    });
  };
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
