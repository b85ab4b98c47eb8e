import { describe, expect, it } from 'vitest';
import { ValidationFailed } from '../errors';
import { applyWebhookChange, isWebhookKind, WEBHOOK_KIND_LABELS, WEBHOOK_KINDS } from './webhook-kinds';

const none = { url: null, kind: 'generic' as const, secret: null };
const ding = {
  url: 'https://oapi.dingtalk.com/robot/send?access_token=t',
  kind: 'dingtalk' as const,
  secret: 'SECabc',
};

describe('webhook kinds', () => {
  it('has a zh-CN and an English label for every kind', () => {
    for (const kind of WEBHOOK_KINDS) {
      expect(WEBHOOK_KIND_LABELS[kind]['zh-CN']).toBeTruthy();
      expect(WEBHOOK_KIND_LABELS[kind].en).toBeTruthy();
    }
    expect(isWebhookKind('dingtalk')).toBe(true);
    expect(isWebhookKind('slack')).toBe(false);
  });

  it('keeps what the change leaves out and sets what it sends', () => {
    expect(applyWebhookChange(ding, {})).toEqual(ding);
    expect(applyWebhookChange(ding, { secret: 'SECnew' })).toEqual({ ...ding, secret: 'SECnew' });
    expect(applyWebhookChange(ding, { secret: null })).toEqual({ ...ding, secret: null });
    expect(applyWebhookChange(none, { url: 'https://x.test/h', kind: 'feishu', secret: 's' })).toEqual({
      url: 'https://x.test/h',
      kind: 'feishu',
      secret: 's',
    });
  });

  it('drops kind and secret with the URL', () => {
    expect(applyWebhookChange(ding, { url: null })).toEqual(none);
  });

  it('keeps no secret for a WeCom robot, and refuses one sent with it', () => {
    expect(applyWebhookChange(ding, { kind: 'wecom' })).toEqual({ ...ding, kind: 'wecom', secret: null });
    expect(() => applyWebhookChange(ding, { kind: 'wecom', secret: 'x' })).toThrow(
      /webhookSecret: a wecom robot takes no signing secret/,
    );
  });

  it('refuses a secret or a robot kind without a URL, and a secret with spaces or too long', () => {
    expect(() => applyWebhookChange(none, { secret: 'abc' })).toThrow(ValidationFailed);
    expect(() => applyWebhookChange(none, { kind: 'dingtalk' })).toThrow(/webhookKind: needs a webhookUrl/);
    expect(() => applyWebhookChange(ding, { secret: 'a b' })).toThrow(/webhookSecret: must be/);
    expect(() => applyWebhookChange(ding, { secret: 'x'.repeat(201) })).toThrow(/webhookSecret/);
    expect(() => applyWebhookChange(ding, { secret: '' })).toThrow(/webhookSecret/);
  });
});
