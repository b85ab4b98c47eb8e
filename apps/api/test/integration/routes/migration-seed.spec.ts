import { ALL_MIGRATIONS } from '@luodi/persistence';
import { createTestDatabase, type TestDatabase } from '@luodi/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The routes migration on a district that already has its catalog (an upgrade, not a fresh install):
 * it adds JOINT_ACCEPT under the 住建局 and the default four-stage template; down and up again is clean.
 */
describe('migration ApprovalRoutes1797080000000 on an existing catalog (real MariaDB)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ migrate: true });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('seeds JOINT_ACCEPT and the default template where the catalog is there', async () => {
    const dataSource = await database.dataSource();
    const runner = dataSource.createQueryRunner();
    const Migration = ALL_MIGRATIONS.find((candidate) => candidate.name === 'ApprovalRoutes1797080000000')!;
    const migration = new Migration();
    try {
      await migration.down(runner);
      await runner.query(
        `INSERT INTO department (code, name) VALUES ('FGJ', '发展和改革局'), ('ZJJ', '住房和城乡建设局')`,
      );
      const codes = [
        'FILING',
        'LAND_PRE',
        'ENERGY',
        'LAND_PLAN',
        'PLAN_REVIEW',
        'BUILD_PLAN',
        'EIA',
        'FIRE',
        'CONSTRUCT',
      ];
      for (const [index, code] of codes.entries())
        await runner.query(
          `INSERT INTO approval_item (code, name, department_id, statutory_days, promised_days, sort_order) SELECT ?, ?, id, 20, 10, ? FROM department WHERE code = 'FGJ'`,
          [code, `事项${code}`, index],
        );
      await migration.up(runner);
      const [joint] = (await runner.query(
        `SELECT i.name, d.code AS department, i.promised_days AS promised, i.statutory_days AS statutory, i.sort_order AS sortOrder FROM approval_item i JOIN department d ON d.id = i.department_id WHERE i.code = 'JOINT_ACCEPT'`,
      )) as Array<Record<string, unknown>>;
      expect(joint).toMatchObject({
        name: '联合验收',
        department: 'ZJJ',
        promised: 10,
        statutory: 20,
        sortOrder: 9,
      });
      const templates = (await runner.query(
        'SELECT id, template_key AS templateKey, version, target_days AS targetDays FROM route_template',
      )) as Array<Record<string, unknown>>;
      expect(templates).toHaveLength(1);
      expect(String(templates[0]!['templateKey'])).toBe(String(templates[0]!['id']));
      expect(templates[0]).toMatchObject({ version: 1, targetDays: 60 });
      const items = (await runner.query(
        'SELECT item_code AS code, stage, after_items AS after FROM route_template_item ORDER BY sort_order',
      )) as Array<{ code: string; stage: number; after: string }>;
      expect(items.map((item) => `${item.stage}:${item.code}${item.after ? `<${item.after}` : ''}`)).toEqual([
        '1:FILING',
        '1:LAND_PRE',
        '1:ENERGY',
        '1:LAND_PLAN<LAND_PRE',
        '2:PLAN_REVIEW',
        '2:BUILD_PLAN<PLAN_REVIEW',
        '2:EIA',
        '3:FIRE',
        '3:CONSTRUCT<FIRE',
        '4:JOINT_ACCEPT',
      ]);
    } finally {
      await runner.release();
    }
  });
});
