import { ValidationFailed } from '../errors';

/**
 * The kinds of webhook a department can have: the chat robots of DingTalk (钉钉), WeCom (企业微信)
 * and Feishu/Lark (飞书), each with its own message format, signing and answer, or a generic JSON
 * webhook signed with Luodi's own HMAC header.
 */
export const WEBHOOK_KINDS = ['dingtalk', 'wecom', 'feishu', 'generic'] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

export const WEBHOOK_KIND_LABELS: Record<WebhookKind, { 'zh-CN': string; en: string }> = {
  dingtalk: { 'zh-CN': '钉钉群机器人', en: 'DingTalk robot' },
  wecom: { 'zh-CN': '企业微信群机器人', en: 'WeCom group robot' },
  feishu: { 'zh-CN': '飞书群机器人', en: 'Feishu / Lark bot' },
  generic: { 'zh-CN': '通用 JSON Webhook', en: 'Generic JSON webhook' },
};

/** Kinds whose robot can check a signature made with a secret (WeCom group robots have none). */
export const WEBHOOK_KINDS_WITH_SECRET: readonly WebhookKind[] = ['dingtalk', 'feishu', 'generic'];

/** A signing secret as the vendors issue them: 1–200 visible ASCII characters, no spaces. */
export const WEBHOOK_SECRET_PATTERN = /^[\x21-\x7e]{1,200}$/;

export function isWebhookKind(value: unknown): value is WebhookKind {
  return typeof value === 'string' && (WEBHOOK_KINDS as readonly string[]).includes(value);
}

export interface WebhookSettings {
  url: string | null;
  kind: WebhookKind;
  secret: string | null;
}

/**
 * A department's webhook settings after a change: a removed URL takes its kind and secret with it, a
 * WeCom robot keeps no secret (it would never be used), and a secret needs a URL and a kind that signs.
 * `change` holds only what the caller sends (undefined = keep, null = remove).
 */
export function applyWebhookChange(
  current: WebhookSettings,
  change: { url?: string | null; kind?: WebhookKind; secret?: string | null },
): WebhookSettings {
  const url = change.url === undefined ? current.url : change.url;
  const kind = change.kind ?? current.kind;
  let secret = change.secret === undefined ? current.secret : change.secret;
  if (secret !== null && !WEBHOOK_SECRET_PATTERN.test(secret)) {
    throw new ValidationFailed('webhookSecret', 'webhook_secret_format');
  }
  if (url === null) {
    if (change.secret) throw new ValidationFailed('webhookSecret', 'webhook_needs_url');
    if (change.kind && change.kind !== 'generic')
      throw new ValidationFailed('webhookKind', 'webhook_needs_url');
    return { url: null, kind: 'generic', secret: null };
  }
  if (!WEBHOOK_KINDS_WITH_SECRET.includes(kind)) {
    if (change.secret) {
      throw new ValidationFailed('webhookSecret', 'webhook_secret_not_taken', { params: { kind } });
    }
    secret = null;
  }
  return { url, kind, secret };
}
