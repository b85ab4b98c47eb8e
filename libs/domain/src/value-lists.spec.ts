import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ALERT_KINDS } from './alerts/alert-rules';
import { MILESTONE_STATES } from './approvals/milestone';
import { labelsIn, namesOf } from './value-lists';

/**
 * Issue 12's check: outside libs/domain, the migrations and the i18n label files, no source file
 * (tests aside) spells an alert kind or a milestone state as a string literal — code names them
 * through the domain's lists (`AlertKind.milestone_due`, `MilestoneState.approved`, `sqlValue(…)`).
 */
const repoRoot = process.cwd();
const VALUES = new Set<string>([...ALERT_KINDS, ...MILESTONE_STATES]);

/** Where the lists live or may be spelt: the domain, the schema history, the label files, tests. */
function excluded(path: string): boolean {
  const parts = path.split(sep);
  return (
    path.startsWith(join('libs', 'domain') + sep) ||
    path.startsWith(join('libs', 'testing') + sep) ||
    path.startsWith(join('apps', 'e2e') + sep) ||
    path.startsWith(join('apps', 'web', 'src', 'i18n') + sep) ||
    parts.includes('migrations') ||
    parts.includes('test') ||
    parts.includes('node_modules') ||
    parts.includes('dist') ||
    /\.spec\.ts$/.test(path) ||
    /(^|[/\\])(test-fixtures|i18n-testing)\.ts$/.test(path)
  );
}

/**
 * Literals that equal a listed value but mean something else: each with its reason. A file that
 * no longer holds one is fine (nothing to keep in step).
 */
const NOT_A_LIST_VALUE: ReadonlyArray<{ file: string; value: string; why: string }> = [
  {
    file: 'libs/persistence/src/entities/approval-item.entity.ts',
    value: 'deemed_approval',
    why: 'the column name of ApprovalItem.deemedApproval (超时默认 allowed), not the alert kind',
  },
  {
    file: 'apps/web/src/views/cockpit/useCockpitData.ts',
    value: 'rejected',
    why: "Promise.allSettled's status, not the milestone state",
  },
  {
    file: 'apps/web/src/views/screen/ScreenView.vue',
    value: 'rejected',
    why: "Promise.allSettled's status, not the milestone state",
  },
];

function sourceFiles(dir: string, found: string[] = []): string[] {
  for (const entry of readdirSync(join(repoRoot, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (excluded(path + (entry.isDirectory() ? sep : ''))) continue;
    if (entry.isDirectory()) sourceFiles(path, found);
    else if (/\.(ts|vue|mts|mjs)$/.test(entry.name) && !excluded(path)) found.push(path);
  }
  return found;
}

/** Quoted words inside SQL or template text: `'deemed_approved'`, `"planned"`. */
function quotedIn(text: string): string[] {
  return [...text.matchAll(/([`'"])([a-z_]+)\1/g)].map((match) => match[2]!);
}

/** The listed values a piece of TypeScript spells as literals (comments do not count). */
function literalsIn(code: string, fileName: string): string[] {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true);
  const hits: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node)) {
      if (VALUES.has(node.text)) hits.push(node.text);
    } else if (
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      if (VALUES.has(node.text)) hits.push(node.text);
      hits.push(...quotedIn(node.text).filter((word) => VALUES.has(word)));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return hits;
}

/** A Vue file: its script blocks as TypeScript, its template's bindings as text. */
function literalsInVue(code: string, fileName: string): string[] {
  const hits: string[] = [];
  for (const match of code.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g))
    hits.push(...literalsIn(match[1]!, fileName + '.ts'));
  const template = code.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '').replace(/<!--[\s\S]*?-->/g, '');
  hits.push(...quotedIn(template).filter((word) => VALUES.has(word)));
  return hits;
}

function spelledValues(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of [...sourceFiles('apps'), ...sourceFiles('libs')]) {
    const code = readFileSync(join(repoRoot, file), 'utf8');
    // Only files with a quoted listed word anywhere (comments included) need parsing.
    if (!quotedIn(code).some((word) => VALUES.has(word))) continue;
    const posix = file.split(sep).join('/');
    const allowed = new Set(NOT_A_LIST_VALUE.filter((entry) => entry.file === posix).map((e) => e.value));
    const hits = (file.endsWith('.vue') ? literalsInVue(code, file) : literalsIn(code, file)).filter(
      (value) => !allowed.has(value),
    );
    if (hits.length) found.set(posix, [...new Set(hits)]);
  }
  return found;
}

describe('value lists defined once', () => {
  it('runs from the repository root', () => {
    expect(existsSync(join(repoRoot, 'nx.json'))).toBe(true);
  });

  it('finds a spelt value in code and SQL text, not in comments', () => {
    const code = [
      '// the state "approved" in a comment',
      "const a = 'planned';",
      "const sql = `SELECT 1 FROM alert WHERE kind = 'milestone_due'`;",
      'const named = MilestoneState.approved;',
    ].join('\n');
    expect(literalsIn(code, 'x.ts')).toEqual(['planned', 'milestone_due']);
    expect(literalsInVue('<template><el-tag v-if="s === \'suspended\'" /></template>', 'x.vue')).toEqual([
      'suspended',
    ]);
  });

  it('no source outside libs/domain, migrations and label files spells an alert kind or milestone state', () => {
    const found = [...spelledValues()].map(([file, values]) => `${file}: ${values.join(', ')}`);
    expect(found, `name them through libs/domain instead:\n${found.join('\n')}`).toEqual([]);
  }, 60_000);

  it('names values by the list: the by-name object holds exactly the list', () => {
    const names = namesOf(MILESTONE_STATES);
    expect(Object.values(names)).toEqual([...MILESTONE_STATES]);
    expect(names.deemed_approved).toBe('deemed_approved');
    expect(Object.isFrozen(names)).toBe(true);
  });

  it('takes one language out of a label map', () => {
    const labels = { a: { 'zh-CN': '甲', en: 'A' }, b: { 'zh-CN': '乙', en: 'B' } } as const;
    expect(labelsIn(labels, 'zh-CN')).toEqual({ a: '甲', b: '乙' });
    expect(labelsIn(labels, 'en')).toEqual({ a: 'A', b: 'B' });
  });
});
