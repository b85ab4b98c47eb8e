import { AUDIT_ACTIONS } from '@luodi/domain';
import { describe, expect, it } from 'vitest';
import { auditActionLabel, auditChanges } from './audit-text';

describe('audit log in words', () => {
  it('labels every action in both languages; an unknown one stays as stored', () => {
    for (const action of AUDIT_ACTIONS) {
      expect(auditActionLabel(action, 'zh-CN')).not.toBe(action);
      expect(auditActionLabel(action, 'en')).not.toBe(action);
    }
    expect(auditActionLabel('update', 'zh-CN')).toBe('修改');
    expect(auditActionLabel('alert.acknowledge', 'en')).toBe('Alert acknowledged');
    expect(auditActionLabel('legacy.thing', 'zh-CN')).toBe('legacy.thing');
  });

  it('shows only the changed fields as 「字段」旧值 → 新值', () => {
    expect(
      auditChanges(
        { name: '自然资源局', email: null, webhookKind: 'generic' },
        { name: '自然资源和规划局', email: 'a@b.cn', webhookKind: 'generic' },
      ),
    ).toEqual(['「name」自然资源局 → 自然资源和规划局', '「email」∅ → a@b.cn']);
  });

  it('a creation and a deletion show every field from or to nothing; values not text as JSON', () => {
    expect(auditChanges(null, { code: 'ZRZYJ', level: 2 })).toEqual(['「code」∅ → ZRZYJ', '「level」∅ → 2']);
    expect(auditChanges({ tags: ['a'] }, undefined)).toEqual(['「tags」["a"] → ∅']);
    expect(auditChanges(null, null)).toEqual([]);
    expect(auditChanges(3, 5)).toEqual(['3 → 5']);
  });
});
