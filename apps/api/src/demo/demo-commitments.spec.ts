import { commitmentFigures, commitmentFlags, creditCodeProblem } from '@luodi/domain';
import { describe, expect, it } from 'vitest';
import { buildDemoCommitments } from './demo-commitments';

describe('the demo projects after landing (commitments.md §6)', () => {
  for (const today of ['2026-01-01', '2026-12-07', '2027-12-31']) {
    it(`stay out of ${today.slice(0, 4)}'s figures and give the figures of the story (today ${today})`, () => {
      const year = Number(today.slice(0, 4));
      const demo = buildDemoCommitments(today, `${year - 1}-06-01`);
      expect(demo.projects).toHaveLength(12);
      const codes = demo.projects.map((project) => project.creditCode);
      expect(new Set(codes).size).toBe(12);
      for (const code of codes) expect(creditCodeProblem(code)).toBeNull();
      for (const project of demo.projects) {
        // Talks, signing and every stage before this year: none of this year's figures counts them.
        for (const date of [
          project.talksStartedAt,
          project.signedAt,
          project.registeredAt,
          project.startedAt,
          project.operatingAt,
          project.fullProductionAt,
        ])
          if (date !== null) expect(date < `${year}-01-01`).toBe(true);
      }
      const flags = demo.projects.map((project) =>
        commitmentFlags(
          {
            ...project,
            clauses: demo.clauses
              .filter((clause) => clause.projectCode === project.code)
              .map((clause, index) => ({ ...clause.terms, id: String(index) })),
            actuals: demo.actuals.filter((actual) => actual.projectCode === project.code),
            decidedClawback: null,
          },
          today,
          year,
        ),
      );
      const figures = commitmentFigures(flags, [], today, year);
      expect(figures.rate).toBeGreaterThan(0);
      expect(figures.rate).toBeLessThan(1);
      expect(figures.idleLand).toBe(1);
      expect(Number(figures.recommendedClawback)).toBeGreaterThan(0);
      expect(flags.some((flag) => flag.clausesDue > 0 && flag.clausesMet === flag.clausesDue)).toBe(true);
    });
  }
});
