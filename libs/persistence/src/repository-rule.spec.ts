import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The repository rule (README "Architecture"): SQL and query builders live in libs/persistence
 * (repositories, migrations); controllers never import from 'typeorm'; services import nothing from
 * it but the EntityManager type (the transaction's manager, handed on to repositories).
 */
const ROOT = process.env['LUODI_RULE_ROOT'] ?? resolve(__dirname, '../../..');

/** Server code: everything that runs in the api, the worker or the shared server libs. */
const SERVER_DIRS = [
  'apps/api/src',
  'apps/worker/src',
  'libs/server-core/src',
  'libs/jobs/src',
  'libs/config/src',
  'libs/domain/src',
  'libs/contracts/src',
];

/** Known exceptions, each with its reason (none today). */
const ALLOWED: Record<string, string> = {};

/** Calls that run SQL or build it: only repositories may make them. */
const SQL_CALL = /\bcreateQueryBuilder\s*\(|\.query\s*\(|\bgetRepository\s*\(|\.transaction\s*\(/;

function sourceFiles(dir: string): string[] {
  const absolute = join(ROOT, dir);
  let entries: string[];
  try {
    entries = readdirSync(absolute);
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(absolute, entry);
    const rel = relative(ROOT, path).split(sep).join('/');
    if (statSync(path).isDirectory()) return sourceFiles(rel);
    return rel.endsWith('.ts') && !rel.endsWith('.spec.ts') && !rel.endsWith('.d.ts') ? [rel] : [];
  });
}

/** The text without comments and string contents (a generated migration template is not a call). */
function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1')
    .replace(/`(?:\\[\s\S]|[^`\\])*`/g, '``')
    .replace(/'(?:\\.|[^'\\\n])*'/g, (literal) => (literal === "'typeorm'" ? literal : "''"));
}

/** The names imported from 'typeorm' by each import statement, with whether the import is type-only. */
function typeormImports(text: string): Array<{ names: string[]; typeOnly: boolean }> {
  const imports: Array<{ names: string[]; typeOnly: boolean }> = [];
  for (const match of text.matchAll(/import\s+(type\s+)?([^;'"]*?)\s+from\s+'typeorm'/g)) {
    const clause = match[2]!.replace(/[{}]/g, '');
    const names = clause
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    imports.push({
      names: names.map((name) => name.replace(/^type\s+/, '')),
      typeOnly: Boolean(match[1]) || names.every((name) => name.startsWith('type ')),
    });
  }
  return imports;
}

export interface RuleViolation {
  file: string;
  rule:
    | 'controller imports typeorm'
    | 'service imports more than the EntityManager type'
    | 'SQL outside persistence';
}

export function repositoryRuleViolations(): RuleViolation[] {
  const violations: RuleViolation[] = [];
  for (const file of SERVER_DIRS.flatMap(sourceFiles)) {
    if (ALLOWED[file]) continue;
    const text = readFileSync(join(ROOT, file), 'utf8');
    const imports = typeormImports(text);
    if (file.endsWith('.controller.ts') && imports.length) {
      violations.push({ file, rule: 'controller imports typeorm' });
    }
    if (
      file.endsWith('.service.ts') &&
      imports.some((entry) => !entry.typeOnly || entry.names.some((name) => name !== 'EntityManager'))
    ) {
      violations.push({ file, rule: 'service imports more than the EntityManager type' });
    }
    if (SQL_CALL.test(code(text))) violations.push({ file, rule: 'SQL outside persistence' });
  }
  return violations;
}

describe('repository rule', () => {
  it('finds the server source files it checks', () => {
    const files = SERVER_DIRS.flatMap(sourceFiles);
    expect(files).toContain('apps/api/src/projects/projects.service.ts');
    expect(files.filter((file) => file.endsWith('.controller.ts')).length).toBeGreaterThan(10);
  });

  it('keeps SQL in libs/persistence, typeorm out of controllers and all but EntityManager out of services', () => {
    expect(repositoryRuleViolations()).toEqual([]);
  });

  it('recognises each kind of breach', () => {
    expect(typeormImports("import { DataSource } from 'typeorm';")).toEqual([
      { names: ['DataSource'], typeOnly: false },
    ]);
    expect(typeormImports("import type { EntityManager } from 'typeorm';")).toEqual([
      { names: ['EntityManager'], typeOnly: true },
    ]);
    expect(typeormImports("import { type DataSource, type EntityManager } from 'typeorm';")).toEqual([
      { names: ['DataSource', 'EntityManager'], typeOnly: true },
    ]);
    expect(
      typeormImports("import { In } from './x';\nimport type { EntityManager } from 'typeorm';"),
    ).toEqual([{ names: ['EntityManager'], typeOnly: true }]);
    expect(SQL_CALL.test(code("await manager.query('UPDATE project SET x = 1');"))).toBe(true);
    expect(SQL_CALL.test(code('manager.createQueryBuilder().insert()'))).toBe(true);
    expect(SQL_CALL.test(code('this.dataSource.getRepository(UserEntity)'))).toBe(true);
    expect(SQL_CALL.test(code('await this.dataSource.transaction(async (manager) => {})'))).toBe(true);
    // Text that only mentions SQL is not a call.
    expect(SQL_CALL.test(code('const migration = `await queryRunner.query(\\`...\\`)`;'))).toBe(false);
    expect(SQL_CALL.test(code('// manager.query(...) is not allowed here'))).toBe(false);
    expect(SQL_CALL.test(code('const q = request.query;'))).toBe(false);
  });
});
