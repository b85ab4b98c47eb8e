import { describe, expect, it } from 'vitest';
import { requiredRule } from './form-rules';

const t = (key: string, named: Record<string, unknown>) =>
  key === 'common.required' ? `请填写${String(named.field)}` : `<${key}>`;

describe('requiredRule', () => {
  it('names the field by its label and keeps only the options given', () => {
    expect(requiredRule(t, 'users.role')).toEqual({ required: true, message: '请填写<users.role>' });
    expect(requiredRule(t, 'departments.name', { trigger: 'blur', whitespace: true })).toEqual({
      required: true,
      whitespace: true,
      message: '请填写<departments.name>',
      trigger: 'blur',
    });
  });
});
