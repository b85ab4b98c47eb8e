/**
 * Typed domain errors. Rule code throws these; the API maps each kind to one HTTP status in a single
 * exception filter. Messages name the field or state and the rule, in plain words.
 */
export type DomainErrorKind =
  'validation' | 'not_found' | 'conflict' | 'forbidden' | 'unauthorized' | 'rate_limited';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad input: names the field and the rule. */
export class ValidationFailed extends DomainError {
  constructor(
    readonly field: string,
    rule: string,
    details?: Record<string, unknown>,
  ) {
    super('validation', `${field}: ${rule}`, details);
  }
}

/** Absent — or not visible to the caller, which must look the same. */
export class NotFound extends DomainError {
  constructor(entity: string, id: string) {
    super('not_found', `${entity} ${id} not found`);
  }
}

/** Not allowed in the current state: names the state and the rule. */
export class StateConflict extends DomainError {
  constructor(state: string, rule: string) {
    super('conflict', `not allowed in state "${state}": ${rule}`);
  }
}
