import 'reflect-metadata';
import { IsString, Length, validate } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { IsOptionalNotNull } from './validators';

class Patch {
  @IsOptionalNotNull()
  @IsString()
  @Length(1, 10)
  name?: string;
}

const errorsOf = async (value: unknown) =>
  (await validate(Object.assign(new Patch(), value === 'absent' ? {} : { name: value }))).length;

describe('IsOptionalNotNull', () => {
  it('lets an absent field pass and checks a present one, refusing null', async () => {
    expect(await errorsOf('absent')).toBe(0);
    expect(await errorsOf('ok')).toBe(0);
    expect(await errorsOf(null)).toBe(1);
    expect(await errorsOf(7)).toBe(1);
  });
});
