import { describe, expect, it } from 'vitest';
import { createProject, expectError } from '../support/fixtures';
import { fgj, stack, today, tokens, useProjectsStack, zrzyj } from './support';

describe('projects: stage rules, validation, funds, exact decimals, department scope (real MariaDB)', () => {
  useProjectsStack();

  describe('department scope', () => {
    /**
     * What a department may read (domain §1): the projects it leads, and those it holds a milestone on
     * — computed here straight from the tables.
     */
    const visibleProjectIds = async (departmentId: string): Promise<string[]> => {
      const dataSource = await stack.database.dataSource();
      const rows = (await dataSource.query(
        `SELECT p.id FROM project p
          WHERE p.lead_department_id = ?
             OR p.id IN (SELECT m.project_id FROM milestone m WHERE m.department_id = ?)`,
        [departmentId, departmentId],
      )) as Array<{ id: string }>;
      return rows.map((row) => String(row.id)).sort();
    };

    it('the dept user (自然资源局) lists only the projects its department leads or holds a milestone on', async () => {
      const own = await createProject(stack, tokens.bureau, zrzyj, { name: '自然资源局范围测试' });
      const other = await createProject(stack, tokens.bureau, fgj, { name: '发改局范围测试' });
      const seen: any[] = [];
      for (let page = 1; ; page += 1) {
        const answer = await stack.call('GET', `/api/projects?pageSize=200&page=${page}`, {
          token: tokens.dept,
        });
        expect(answer.status).toBe(200);
        seen.push(...answer.body.items);
        if (seen.length >= answer.body.total || answer.body.items.length === 0) break;
      }
      const visible = await visibleProjectIds(zrzyj);
      expect(seen.map((project) => String(project.id)).sort()).toEqual(visible);
      expect(seen.map((project) => project.id)).toContain(own.id);
      expect(seen.map((project) => project.id)).not.toContain(other.id);
      // every project it leads is there
      const led = seen.filter((project) => project.leadDepartmentId === zrzyj);
      const all = await stack.call('GET', `/api/projects?pageSize=1&leadDepartmentId=${zrzyj}`, {
        token: tokens.admin,
      });
      expect(led.length).toBe(all.body.total);
      expect(new Set(led.map((project) => project.leadDepartmentName))).toEqual(new Set(['自然资源局']));
      // asking for another department's projects finds at most those it holds a milestone on
      const filtered = await stack.call('GET', `/api/projects?leadDepartmentId=${fgj}&pageSize=200`, {
        token: tokens.dept,
      });
      for (const item of filtered.body.items) expect(visible).toContain(String(item.id));
      expect(filtered.body.items.map((item: any) => item.id)).not.toContain(other.id);
      // a search for the other's name finds nothing
      const searched = await stack.call('GET', `/api/projects?q=${encodeURIComponent('发改局范围测试')}`, {
        token: tokens.dept,
      });
      expect(searched.body.total).toBe(0);
    });

    it('answers 404 for another department’s project and key work, 200 for its own', async () => {
      const own = await createProject(stack, tokens.bureau, zrzyj);
      const other = await createProject(stack, tokens.bureau, fgj);
      expect((await stack.call('GET', `/api/projects/${own.id}`, { token: tokens.dept })).status).toBe(200);
      const hidden = await stack.call('GET', `/api/projects/${other.id}`, { token: tokens.dept });
      expectError(hidden, 404);
      const absent = await stack.call('GET', '/api/projects/987654321', { token: tokens.dept });
      expect(hidden.body.message.replace(other.id, 'X')).toBe(absent.body.message.replace('987654321', 'X'));

      const year = Number(today.slice(0, 4));
      const keyWork = async (projectId: string) => {
        const answer = await stack.call('POST', '/api/key-works', {
          token: tokens.bureau,
          body: { projectId, year, annualPlanInvestment: '100.00' },
        });
        expect(answer.status, JSON.stringify(answer.body)).toBe(201);
        return answer.body.id as string;
      };
      const ownKeyWork = await keyWork(own.id);
      const otherKeyWork = await keyWork(other.id);
      expect((await stack.call('GET', `/api/key-works/${ownKeyWork}`, { token: tokens.dept })).status).toBe(
        200,
      );
      expectError(await stack.call('GET', `/api/key-works/${otherKeyWork}`, { token: tokens.dept }), 404);
      const list = await stack.call('GET', `/api/key-works?year=${year}`, { token: tokens.dept });
      expect(list.status).toBe(200);
      const ids = list.body.items.map((item: any) => item.id);
      expect(ids).toContain(ownKeyWork);
      expect(ids).not.toContain(otherKeyWork);
      const visible = await visibleProjectIds(zrzyj);
      const all = await stack.call('GET', `/api/key-works?year=${year}`, { token: tokens.admin });
      expect(ids.sort()).toEqual(
        all.body.items
          .filter((item: any) => visible.includes(String(item.projectId)))
          .map((item: any) => item.id)
          .sort(),
      );
      // and no writes at all
      expectError(
        await stack.call('POST', `/api/projects/${own.id}/stage`, {
          token: tokens.dept,
          body: { stage: 'signed', at: today },
        }),
        403,
      );
    });
  });
});
