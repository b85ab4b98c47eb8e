import { describe, expect, it } from 'vitest';
import { choiceField, filterUrl, switchField, textField } from './list-query';

describe('filterUrl', () => {
  const url = filterUrl(
    () => ({ kind: '' as 'a' | 'b' | '', level: '' as 1 | 2 | '', open: true as boolean, q: '' }),
    {
      kind: choiceField(['a', 'b'] as const),
      level: choiceField([1, 2] as const),
      open: switchField,
      q: textField,
    },
  );

  it('reads the filters of an address; anything malformed is the blank value', () => {
    expect(url.read({ kind: 'b', level: '2', open: '0', q: '  路  ' })).toEqual({
      kind: 'b',
      level: 2,
      open: false,
      q: '路',
    });
    expect(url.read({ kind: 'z', level: '9', open: 'yes', q: ['x'.repeat(150)] })).toEqual({
      kind: '',
      level: '',
      open: true,
      q: 'x'.repeat(100),
    });
  });

  it('writes only what differs from the blank filters, and reads it back', () => {
    expect(url.write({ kind: '', level: '', open: true, q: '   ' })).toEqual({});
    const filters = { kind: 'a' as const, level: 1 as const, open: false, q: '用地' };
    expect(url.write(filters)).toEqual({ kind: 'a', level: '1', open: '0', q: '用地' });
    expect(url.read(url.write(filters) as Record<string, string>)).toEqual(filters);
  });
});
