import { describe, expect, it } from 'vitest';
import {
  buildRobotRequest,
  dingTalkSign,
  feishuSign,
  genericSignature,
  interpretRobotAnswer,
  type RobotMessage,
} from './chat-robots';

// Test vectors computed outside this code (Python's hmac/hashlib/base64/urllib), and for DingTalk the
// vector published with an independent open-source DingTalk SDK (timestamp 1700000000000, "secret").
const DINGTALK_VECTORS = [
  ['1700000000000', 'secret', 'OuzzJR5%2BxZ4%2FEYwqtNt6sMYZQMTa%2FHEGvc9miJe7XzY%3D'],
  ['1796630400000', 'SEC0123456789abcdef', 'itfvJPCyeKZlvgshFSpaCrXskftlLA9z4491wl5q%2F3s%3D'],
] as const;
const NOW = new Date(1_796_630_400_000);

const message: RobotMessage = {
  title: '落地预警：【逾期】审批已逾期',
  text: '【逾期】审批已逾期：P-1 项目（自然资源局）',
  markdown: '### 落地预警：【逾期】审批已逾期\n\nP-1 项目（自然资源局）',
  payload: { deliveryId: 'd-1', kind: 'milestone_overdue', level: 2 },
};

describe('chat robot signatures', () => {
  it('DingTalk: Base64 HMAC-SHA256 of "timestamp\\nsecret" keyed with the secret (URL-encoded in the URL)', () => {
    for (const [timestamp, secret, expected] of DINGTALK_VECTORS) {
      expect(encodeURIComponent(dingTalkSign(timestamp, secret))).toBe(expected);
    }
  });

  it('Feishu: Base64 HMAC-SHA256 keyed with "timestamp\\nsecret" over an empty message', () => {
    expect(feishuSign('1796630400', 'luodi-feishu-secret')).toBe(
      'jxHVTHBO+wrh/5+NYiMHMVmzXSiX5ba30gdKMKemHP4=',
    );
  });

  it('generic: sha256= hex HMAC-SHA256 keyed with the secret over "timestamp.body"', () => {
    expect(genericSignature('luodi-generic-secret', '1796630400', '{"a":1,"text":"落地"}')).toBe(
      'sha256=d30b6cfa590bea882926022ab62c7b4d3664f19e1cc16983d6dbb23d1f4b7690',
    );
  });
});

describe('buildRobotRequest', () => {
  it('DingTalk: markdown body, timestamp (ms) and URL-encoded sign appended to the URL', () => {
    const request = buildRobotRequest(
      {
        kind: 'dingtalk',
        url: 'https://oapi.dingtalk.com/robot/send?access_token=t',
        secret: 'SEC0123456789abcdef',
      },
      message,
      'd-1',
      NOW,
    );
    expect(request.url).toBe(
      `https://oapi.dingtalk.com/robot/send?access_token=t&timestamp=1796630400000&sign=${DINGTALK_VECTORS[1][2]}`,
    );
    expect(JSON.parse(request.body)).toEqual({
      msgtype: 'markdown',
      markdown: { title: message.title, text: message.markdown },
    });
    expect(request.headers['idempotency-key']).toBe('d-1');
  });

  it('DingTalk without a secret (keyword or IP robot): the URL unchanged', () => {
    const url = 'https://oapi.dingtalk.com/robot/send?access_token=t';
    expect(buildRobotRequest({ kind: 'dingtalk', url, secret: null }, message, 'd-1', NOW).url).toBe(url);
  });

  it('WeCom: markdown content, no signature', () => {
    const url = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k';
    const request = buildRobotRequest({ kind: 'wecom', url, secret: null }, message, 'd-1', NOW);
    expect(request.url).toBe(url);
    expect(JSON.parse(request.body)).toEqual({
      msgtype: 'markdown',
      markdown: { content: message.markdown },
    });
  });

  it('Feishu: timestamp (s) and sign in the body with a text message', () => {
    const request = buildRobotRequest(
      {
        kind: 'feishu',
        url: 'https://open.feishu.cn/open-apis/bot/v2/hook/x',
        secret: 'luodi-feishu-secret',
      },
      message,
      'd-1',
      NOW,
    );
    expect(JSON.parse(request.body)).toEqual({
      timestamp: '1796630400',
      sign: 'jxHVTHBO+wrh/5+NYiMHMVmzXSiX5ba30gdKMKemHP4=',
      msg_type: 'text',
      content: { text: message.text },
    });
  });

  it('generic: the payload plus robot text, signed in headers over the exact body sent', () => {
    const request = buildRobotRequest(
      { kind: 'generic', url: 'https://hooks.example/x', secret: 'luodi-generic-secret' },
      message,
      'd-1',
      NOW,
    );
    expect(JSON.parse(request.body)).toEqual({
      ...message.payload,
      msgtype: 'text',
      text: { content: message.text },
    });
    expect(request.headers['x-luodi-timestamp']).toBe('1796630400');
    expect(request.headers['x-luodi-signature']).toBe(
      genericSignature('luodi-generic-secret', '1796630400', request.body),
    );
    const unsigned = buildRobotRequest(
      { kind: 'generic', url: 'https://hooks.example/x', secret: null },
      message,
      'd-1',
      NOW,
    );
    expect(unsigned.headers['x-luodi-signature']).toBeUndefined();
  });
});

describe('interpretRobotAnswer', () => {
  it('DingTalk and WeCom: errcode 0 is sent, anything else (or none) failed with the vendor code and message', () => {
    expect(interpretRobotAnswer('dingtalk', 200, '{"errcode":0,"errmsg":"ok"}')).toEqual({ ok: true });
    expect(interpretRobotAnswer('dingtalk', 200, '{"errcode":310000,"errmsg":"sign not match"}')).toEqual({
      ok: false,
      error: 'dingtalk errcode 310000: sign not match',
    });
    expect(interpretRobotAnswer('wecom', 200, '{"errcode":93000,"errmsg":"invalid webhook url"}')).toEqual({
      ok: false,
      error: 'wecom errcode 93000: invalid webhook url',
    });
    expect(interpretRobotAnswer('wecom', 200, 'ok')).toMatchObject({ ok: false });
    expect(interpretRobotAnswer('dingtalk', 502, '')).toEqual({
      ok: false,
      error: 'dingtalk webhook answered HTTP 502',
    });
  });

  it('Feishu: code 0 (or the older StatusCode 0) is sent, a non-zero one failed', () => {
    expect(interpretRobotAnswer('feishu', 200, '{"code":0,"msg":"success","data":{}}')).toEqual({ ok: true });
    expect(interpretRobotAnswer('feishu', 200, '{"StatusCode":0,"StatusMessage":"success"}')).toEqual({
      ok: true,
    });
    expect(
      interpretRobotAnswer(
        'feishu',
        200,
        '{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}',
      ),
    ).toEqual({
      ok: false,
      error: 'feishu code 19021: sign match fail or timestamp is not within one hour from current time',
    });
    expect(interpretRobotAnswer('feishu', 200, '{"StatusCode":9499,"StatusMessage":"Bad Request"}')).toEqual({
      ok: false,
      error: 'feishu StatusCode 9499: Bad Request',
    });
    expect(interpretRobotAnswer('feishu', 200, '{}')).toMatchObject({ ok: false });
  });

  it('generic: any 2xx is sent unless the body carries a non-zero errcode', () => {
    expect(interpretRobotAnswer('generic', 204, '')).toEqual({ ok: true });
    expect(interpretRobotAnswer('generic', 200, '{"code":7}')).toEqual({ ok: true });
    expect(
      interpretRobotAnswer('generic', 200, '{"errcode":310000,"errmsg":"keywords not in content"}'),
    ).toEqual({
      ok: false,
      error: 'generic errcode 310000: keywords not in content',
    });
    expect(interpretRobotAnswer('generic', 500, '')).toMatchObject({ ok: false });
  });
});
