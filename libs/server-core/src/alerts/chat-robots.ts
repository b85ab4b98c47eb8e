import { createHmac } from 'node:crypto';
import type { WebhookKind } from '@luodi/domain';

/**
 * Chat robots as they really are (DingTalk 钉钉, WeCom 企业微信, Feishu/Lark 飞书) and Luodi's generic
 * signed JSON webhook: the request each one takes (body and signature) and how to read its answer.
 * Pure functions; the worker does the HTTP call. Each vendor answers HTTP 200 also when it refuses a
 * message (bad signature, keyword missing, rate limit), with a non-zero `errcode` / `code` in the body —
 * that is a failed delivery, never a sent one.
 */

/** What an alert notification says, in the shapes the robots take. */
export interface RobotMessage {
  /** Short title (DingTalk markdown title, first line elsewhere). */
  title: string;
  /** Plain text (one or more lines). */
  text: string;
  /** The same as Markdown (DingTalk, WeCom). */
  markdown: string;
  /** The structured fields a generic webhook receives. */
  payload: Record<string, unknown>;
}

export interface RobotTarget {
  kind: WebhookKind;
  url: string;
  /** The signing secret (加签 secret / signing key), or null when the robot signs nothing. */
  secret: string | null;
}

export interface RobotRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export type RobotAnswer = { ok: true } | { ok: false; error: string };

const hmacSha256 = (key: string, message: string) => createHmac('sha256', key).update(message, 'utf8');

/**
 * DingTalk 加签: HMAC-SHA256 of `timestamp + "\n" + secret` keyed with the secret, Base64. The caller
 * URL-encodes it into `&timestamp=…&sign=…` (timestamp in milliseconds, valid for one hour).
 */
export function dingTalkSign(timestampMs: string, secret: string): string {
  return hmacSha256(secret, `${timestampMs}\n${secret}`).digest('base64');
}

/**
 * Feishu/Lark 签名校验: HMAC-SHA256 keyed with `timestamp + "\n" + secret` over an empty message, Base64
 * (timestamp in seconds, valid for one hour); sent in the body as `timestamp` and `sign`.
 */
export function feishuSign(timestampSec: string, secret: string): string {
  return hmacSha256(`${timestampSec}\n${secret}`, '').digest('base64');
}

/**
 * Luodi's generic webhook signature: `sha256=` + hex HMAC-SHA256 keyed with the secret over
 * `timestamp + "." + raw body` (timestamp in seconds, sent as `X-Luodi-Timestamp`).
 */
export function genericSignature(secret: string, timestampSec: string, rawBody: string): string {
  return `sha256=${hmacSha256(secret, `${timestampSec}.${rawBody}`).digest('hex')}`;
}

/** DingTalk and WeCom markdown texts have size limits (20 000 / 4 096 bytes); ours stay far below. */
function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The HTTP request for one delivery to one robot, signed at `now`. */
export function buildRobotRequest(
  target: RobotTarget,
  message: RobotMessage,
  deliveryId: string,
  now: Date,
): RobotRequest {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'idempotency-key': deliveryId,
    'x-luodi-delivery-id': deliveryId,
  };
  const seconds = String(Math.floor(now.getTime() / 1000));
  switch (target.kind) {
    case 'dingtalk': {
      const body = JSON.stringify({
        msgtype: 'markdown',
        markdown: { title: message.title, text: clip(message.markdown, 4000) },
      });
      if (!target.secret) return { url: target.url, headers, body };
      const timestamp = String(now.getTime());
      const sign = encodeURIComponent(dingTalkSign(timestamp, target.secret));
      const separator = target.url.includes('?') ? '&' : '?';
      return { url: `${target.url}${separator}timestamp=${timestamp}&sign=${sign}`, headers, body };
    }
    case 'wecom':
      return {
        url: target.url,
        headers,
        body: JSON.stringify({ msgtype: 'markdown', markdown: { content: clip(message.markdown, 1300) } }),
      };
    case 'feishu': {
      const signed = target.secret ? { timestamp: seconds, sign: feishuSign(seconds, target.secret) } : {};
      const body = JSON.stringify({
        ...signed,
        msg_type: 'text',
        content: { text: clip(message.text, 4000) },
      });
      return { url: target.url, headers, body };
    }
    case 'generic': {
      // The structured fields plus the text shape chat robots take (as before, for receivers using it).
      const body = JSON.stringify({ ...message.payload, msgtype: 'text', text: { content: message.text } });
      if (target.secret) {
        headers['x-luodi-timestamp'] = seconds;
        headers['x-luodi-signature'] = genericSignature(target.secret, seconds, body);
      }
      return { url: target.url, headers, body };
    }
  }
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** A vendor's message, short and on one line (it lands in the delivery's last error). */
function vendorText(value: unknown): string {
  return typeof value === 'string' ? value.replace(/\s+/g, ' ').slice(0, 300) : '';
}

/** A number or a numeric string (vendors send numbers; be lenient with strings). */
function numeric(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  return null;
}

/**
 * Read a robot's answer: HTTP 2xx and, for the chat robots, a zero `errcode` (DingTalk, WeCom) or a
 * zero `code` (Feishu; `StatusCode` in older answers). A vendor answer without them is not a success.
 * A generic receiver succeeds with any 2xx, unless its body carries a non-zero `errcode` (a generic
 * webhook pointed at a DingTalk or WeCom robot still notices the refusal).
 */
export function interpretRobotAnswer(kind: WebhookKind, status: number, bodyText: string): RobotAnswer {
  if (status < 200 || status >= 300) return { ok: false, error: `${kind} webhook answered HTTP ${status}` };
  const body = parseJson(bodyText);
  switch (kind) {
    case 'dingtalk':
    case 'wecom': {
      const errcode = numeric(body?.['errcode']);
      if (errcode === null) return { ok: false, error: `${kind} answered HTTP ${status} without an errcode` };
      if (errcode !== 0) {
        return { ok: false, error: `${kind} errcode ${errcode}: ${vendorText(body?.['errmsg'])}` };
      }
      return { ok: true };
    }
    case 'feishu': {
      const code = numeric(body?.['code']);
      if (code !== null) {
        return code === 0
          ? { ok: true }
          : { ok: false, error: `feishu code ${code}: ${vendorText(body?.['msg'])}` };
      }
      const statusCode = numeric(body?.['StatusCode']);
      if (statusCode !== null) {
        return statusCode === 0
          ? { ok: true }
          : { ok: false, error: `feishu StatusCode ${statusCode}: ${vendorText(body?.['StatusMessage'])}` };
      }
      return { ok: false, error: `feishu answered HTTP ${status} without a code` };
    }
    case 'generic': {
      const errcode = numeric(body?.['errcode']);
      if (errcode !== null && errcode !== 0) {
        return { ok: false, error: `generic errcode ${errcode}: ${vendorText(body?.['errmsg'])}` };
      }
      return { ok: true };
    }
  }
}
