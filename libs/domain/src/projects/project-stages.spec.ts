import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { planStageChange, type StageState } from './project-stages';

const base: StageState = {
  stage: 'negotiating',
  talksStartedAt: '2026-02-01',
  signedAt: null,
  registeredAt: null,
  startedAt: null,
  operatingAt: null,
  fullProductionAt: null,
  terminatedAt: null,
};
const today = '2026-11-25';

function failure(fn: () => unknown): { kind: string; message: string } {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return { kind: error.kind, message: error.message };
    throw error;
  }
  throw new Error('expected a domain error');
}

describe('planStageChange', () => {
  it('moves forward one stage and dates it', () => {
    expect(planStageChange(base, 'signed', '2026-03-10', undefined, today)).toEqual({
      stage: 'signed',
      dates: { signedAt: '2026-03-10' },
      reached: ['signed'],
      reason: null,
    });
  });

  it('moves forward several stages at once, dating each stage passed', () => {
    const signed = { ...base, stage: 'signed' as const, signedAt: '2026-03-10' };
    expect(planStageChange(signed, 'started', '2026-06-01', null, today)).toMatchObject({
      stage: 'started',
      dates: { registeredAt: '2026-06-01', startedAt: '2026-06-01' },
      reached: ['registered', 'started'],
    });
  });

  it('accepts today and a past date, refuses the future', () => {
    expect(planStageChange(base, 'signed', today, null, today).stage).toBe('signed');
    expect(failure(() => planStageChange(base, 'signed', '2026-11-26', null, today))).toEqual({
      kind: 'validation',
      message: 'at: must not be in the future (today is 2026-11-25)',
    });
  });

  it('refuses a date before the current stage date', () => {
    const signed = { ...base, stage: 'signed' as const, signedAt: '2026-03-10' };
    expect(failure(() => planStageChange(signed, 'registered', '2026-03-09', null, today))).toEqual({
      kind: 'validation',
      message: 'at: must not be before the date of the current stage "signed" (2026-03-10)',
    });
    expect(failure(() => planStageChange(base, 'signed', '2026-01-31', null, today)).kind).toBe('validation');
  });

  it('refuses moving backwards or standing still, naming the state', () => {
    const started = {
      ...base,
      stage: 'started' as const,
      signedAt: '2026-03-10',
      registeredAt: '2026-04-01',
      startedAt: '2026-05-01',
    };
    expect(failure(() => planStageChange(started, 'registered', '2026-06-01', null, today))).toEqual({
      kind: 'conflict',
      message:
        'not allowed in state "started": stages only move forward (operating, full_production) or to terminated',
    });
    expect(failure(() => planStageChange(started, 'started', '2026-06-01', null, today)).kind).toBe(
      'conflict',
    );
  });

  it('terminates only with a reason, and nothing follows termination', () => {
    expect(failure(() => planStageChange(base, 'terminated', '2026-05-01', '  ', today))).toEqual({
      kind: 'validation',
      message: 'reason: is required to terminate a project',
    });
    const terminated = planStageChange(base, 'terminated', '2026-05-01', '投资方撤资', today);
    expect(terminated).toMatchObject({
      stage: 'terminated',
      dates: { terminatedAt: '2026-05-01' },
      reason: '投资方撤资',
    });
    const state = { ...base, stage: 'terminated' as const, terminatedAt: '2026-05-01' };
    expect(failure(() => planStageChange(state, 'signed', '2026-06-01', null, today)).kind).toBe('conflict');
  });
});
