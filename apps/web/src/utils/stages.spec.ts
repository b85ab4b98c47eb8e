import { describe, expect, it } from 'vitest';
import { currentStageDate, defaultNextStage, isProjectStage, nextStages, STAGE_TAG_TYPE } from './stages';

describe('stage helpers', () => {
  it('offers every later pipeline stage, then terminated', () => {
    expect(nextStages('negotiating')).toEqual([
      'signed',
      'registered',
      'started',
      'operating',
      'full_production',
      'terminated',
    ]);
    expect(nextStages('signed')).toEqual([
      'registered',
      'started',
      'operating',
      'full_production',
      'terminated',
    ]);
    expect(nextStages('started')).toEqual(['operating', 'full_production', 'terminated']);
    expect(nextStages('operating')).toEqual(['full_production', 'terminated']);
    expect(nextStages('full_production')).toEqual(['terminated']);
    expect(nextStages('terminated')).toEqual([]);
  });

  it('suggests the next pipeline stage', () => {
    expect(defaultNextStage('negotiating')).toBe('signed');
    expect(defaultNextStage('registered')).toBe('started');
    expect(defaultNextStage('operating')).toBe('full_production');
    expect(defaultNextStage('full_production')).toBe('terminated');
    expect(defaultNextStage('terminated')).toBeNull();
  });

  it("gives the current stage's date as the earliest day of a change", () => {
    const base = {
      talksStartedAt: '2026-01-05',
      signedAt: '2026-03-01',
      registeredAt: null,
      startedAt: null,
      operatingAt: null,
      fullProductionAt: null,
      terminatedAt: null,
    };
    expect(currentStageDate({ ...base, stage: 'signed' })).toBe('2026-03-01');
    expect(currentStageDate({ ...base, stage: 'negotiating' })).toBe('2026-01-05');
  });

  it('has a colour for every stage and recognises stage names', () => {
    expect(Object.keys(STAGE_TAG_TYPE)).toHaveLength(7);
    expect(STAGE_TAG_TYPE.terminated).toBe('danger');
    expect(isProjectStage('started')).toBe(true);
    expect(isProjectStage('paused')).toBe(false);
  });
});
