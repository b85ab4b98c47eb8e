import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import {
  DomainError,
  type ErrorCode,
  type ErrorParams,
  type Locale,
  renderErrorMessage,
  ValidationFailed,
} from '@luodi/domain';
import { getMetadataStorage } from 'class-validator';

/** One broken field rule of a request. */
export interface FieldProblem {
  field: string;
  code: ErrorCode;
  params: ErrorParams;
  /** `field: rule` in English, as class-validator words it. */
  english: string;
}

/** The catalog code of each class-validator constraint (by its name); others answer `invalid_field`. */
const CODE_OF_CONSTRAINT: Record<string, ErrorCode> = {
  whitelistValidation: 'field_not_allowed',
  isDefined: 'field_required',
  isNotEmpty: 'field_not_empty',
  isString: 'field_not_string',
  isInt: 'field_not_integer',
  isNumber: 'field_not_number',
  isBoolean: 'field_not_boolean',
  isArray: 'field_not_array',
  isIn: 'field_not_one_of',
  isEnum: 'field_not_one_of',
  minLength: 'field_too_short',
  maxLength: 'field_too_long',
  isLength: 'field_length',
  min: 'field_too_small',
  max: 'field_too_large',
  arrayMaxSize: 'field_too_large',
  arrayMinSize: 'field_too_small',
  matches: 'field_bad_format',
  isEmail: 'field_not_email',
  isUrl: 'field_not_url',
  isIsoDate: 'field_not_date',
  date_out_of_range: 'date_out_of_range',
  integer_out_of_range: 'integer_out_of_range',
};

/** Format rules (`Matches`) told apart by their English words, for a precise Chinese message. */
const FORMAT_CODES: Array<[RegExp, ErrorCode]> = [
  [/must be an id|department id/, 'field_not_id'],
  [/decimal string in 万元/, 'field_not_money'],
  [/month written YYYY-MM/, 'field_not_month'],
  [/year like/, 'field_not_year'],
  [/date written YYYY-MM-DD/, 'field_not_date'],
];

/** The figures a rule was declared with (`@MaxLength(200)` → 200), read from class-validator's metadata. */
function constraintsOf(error: ValidationError, name: string): unknown[] {
  const target = error.target as object | undefined;
  if (!target) return [];
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(target.constructor, '', true, false)
    .find((entry) => entry.propertyName === error.property && entry.name === name);
  return metadata?.constraints ?? [];
}

function paramsOf(name: string, constraints: unknown[]): ErrorParams {
  const [first, second] = constraints;
  if (name === 'isIn' || name === 'isEnum') {
    const values = Array.isArray(first)
      ? first
      : first && typeof first === 'object'
        ? Object.values(first)
        : [];
    return { allowed: values.join('、') };
  }
  if (name === 'isLength') return { min: Number(first), limit: Number(second) };
  if (typeof first === 'number') return { limit: first };
  return {};
}

/** Every broken rule of a request, nested fields as `a.b`, array elements as `a[0].b`. */
export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const field = !parent
      ? error.property
      : /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`;
    for (const [name, message] of Object.entries(error.constraints ?? {})) {
      const rule = message.startsWith(`property ${error.property} should not exist`)
        ? 'is not an allowed field'
        : message.replace(new RegExp(`^${error.property} `), '');
      let code = CODE_OF_CONSTRAINT[name] ?? 'invalid_field';
      if (code === 'field_bad_format') code = FORMAT_CODES.find(([words]) => words.test(rule))?.[1] ?? code;
      const params: ErrorParams = { field, rule, ...paramsOf(name, constraintsOf(error, name)) };
      const range = /from (\d+) to (\d+)/.exec(rule);
      const extra =
        code === 'integer_out_of_range' && range ? { min: Number(range[1]), max: Number(range[2]) } : {};
      problems.push({ field, code, params: { ...params, ...extra }, english: `${field}: ${rule}` });
    }
    if (error.children?.length) problems.push(...fieldProblems(error.children, field));
  }
  return problems;
}

/**
 * The 400 a bad request gets: `code` and `params` of the first broken rule (date_out_of_range and
 * integer_out_of_range first, as before), the message naming every broken field and rule.
 */
export class RequestInvalid extends DomainError {
  constructor(readonly problems: FieldProblem[]) {
    const first =
      problems.find(
        (problem) => problem.code === 'date_out_of_range' || problem.code === 'integer_out_of_range',
      ) ?? problems[0];
    super('validation', problems.map((problem) => problem.english).join('; '), {
      code: first?.code ?? 'bad_request',
      params: first?.params ?? {},
    });
  }

  override messageIn(locale: Locale): string {
    if (locale === 'en') return this.message;
    return this.problems
      .map((problem) => renderErrorMessage(problem.code, problem.params, locale))
      .join('；');
  }
}

export function validationException(errors: ValidationError[]): RequestInvalid {
  return new RequestInvalid(fieldProblems(errors));
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
      throw new ValidationFailed('body', 'body_not_object');
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
    // The target lets fieldProblems read each rule's figures; the body never carries it.
    validationError: { target: true, value: false },
    exceptionFactory: validationException,
  });
}
