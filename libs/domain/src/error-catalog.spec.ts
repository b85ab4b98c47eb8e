import { describe, expect, it } from 'vitest';
import {
  ERROR_CODES,
  ERROR_MESSAGES,
  FIELD_LABELS,
  negotiateLocale,
  renderErrorMessage,
} from './error-catalog';
import { NotFound, ValidationFailed } from './errors';
import { LOCALES } from './value-lists';

describe('error catalog', () => {
  it('lists each code once', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    expect(Object.keys(ERROR_MESSAGES).sort()).toEqual([...ERROR_CODES].sort());
  });

  it.each(ERROR_CODES)('%s has a zh-CN and an English message, distinct', (code) => {
    const messages = ERROR_MESSAGES[code];
    for (const locale of LOCALES) expect(messages[locale].trim(), `${code} ${locale}`).not.toBe('');
    expect(messages['zh-CN']).not.toBe(messages.en);
    // The Chinese message is Chinese; the English one has no Chinese characters.
    expect(messages['zh-CN']).toMatch(/\p{Script=Han}/u);
    expect(messages.en).not.toMatch(/\p{Script=Han}/u);
    // Rendered with no parameters neither leaves a `{placeholder}` behind.
    for (const locale of LOCALES) expect(renderErrorMessage(code, {}, locale)).not.toMatch(/\{\w+\}/);
  });

  it('names every labelled field in Chinese', () => {
    for (const [field, label] of Object.entries(FIELD_LABELS))
      expect(label, field).toMatch(/\p{Script=Han}/u);
  });

  it('names the field and the rule in Chinese, keeping the English `field: rule` form', () => {
    const params = { field: 'signedAt', other: 'talksStartedAt', otherDate: '2026-12-07' };
    expect(renderErrorMessage('date_before', params, 'zh-CN')).toBe(
      '「签约日期」不能早于洽谈开始日期 2026-12-07',
    );
    expect(renderErrorMessage('date_before', params, 'en')).toBe(
      'signedAt: must not be before talksStartedAt (2026-12-07)',
    );
  });

  it('gives domain errors their code and parameters', () => {
    const future = new ValidationFailed('at', 'date_in_future', { params: { today: '2026-12-07' } });
    expect(future).toMatchObject({ code: 'date_in_future', params: { field: 'at', today: '2026-12-07' } });
    expect(future.message).toBe('at: must not be in the future (today is 2026-12-07)');
    expect(future.messageIn('zh-CN')).toBe('「日期」不能晚于今天（2026-12-07）');
    const absent = new NotFound('project', '42');
    expect(absent.message).toBe('project 42 not found');
    expect(absent.messageIn('zh-CN')).toBe('项目 42 不存在或无权查看');
    // A rule written in words (no catalog code yet) still answers in Chinese, naming the field.
    const worded = new ValidationFailed('name', 'must rhyme');
    expect(worded).toMatchObject({ code: 'invalid_field', params: { field: 'name', rule: 'must rhyme' } });
    expect(worded.messageIn('zh-CN')).toBe('「名称」不符合要求');
    expect(worded.messageIn('en')).toBe('name: must rhyme');
  });
});

describe('negotiateLocale (Accept-Language)', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['en;q=0.8, zh-CN;q=0.9', 'zh-CN'],
    ['zh;q=0.5, en;q=0.6', 'en'],
    ['fr-FR, en;q=0.3', 'en'],
    ['fr-FR', 'zh-CN'],
    ['*', 'zh-CN'],
    ['zh-CN;q=0, en;q=0.1', 'en'],
    ['zh-TW', 'zh-CN'],
    ['en;q=abc, zh', 'zh-CN'],
    ['EN-gb', 'en'],
    ['en;q=0.5, zh-CN;q=0.5', 'en'],
  ] as const)('%s → %s', (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });
});
