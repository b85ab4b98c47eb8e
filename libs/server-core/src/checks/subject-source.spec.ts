import { ALERT_KINDS, type AlertKind, type AlertSubjectType } from '@luodi/domain';
import { describe, expect, it } from 'vitest';
import { ALERT_KIND_SOURCES, checkSubjectSources, producesKind } from './subject-source';

describe('alert kinds and their subject sources', () => {
  it('gives every alert kind of the domain list to a source, and names no other kind', () => {
    expect(Object.keys(ALERT_KIND_SOURCES).sort()).toEqual([...ALERT_KINDS].sort());
  });

  it('does not compile when an alert kind has no source', () => {
    // A fictional kind added to the list: the map of sources, typed Record<AlertKind, …>, lacks it.
    // @ts-expect-error -- property 'problem_open' is missing (typecheck fails once this stops erroring)
    const withFictionalKind: Record<AlertKind | 'problem_open', readonly AlertSubjectType[]> =
      ALERT_KIND_SOURCES;
    expect(withFictionalKind).toBe(ALERT_KIND_SOURCES);
  });

  it('lets a kind come only from the sources it names', () => {
    expect(producesKind('project', 'not_started')).toBe(true);
    expect(producesKind('key_work', 'not_started')).toBe(true);
    expect(producesKind('milestone', 'not_started')).toBe(false);
    expect(producesKind('key_work', 'milestone_due')).toBe(false);
  });

  it('passes the boot check with one source per subject type', () => {
    expect(
      checkSubjectSources([
        'milestone',
        'project',
        'key_work',
        'calendar_year',
        'problem',
        'notice',
        'clause',
      ]),
    ).toEqual([]);
  });

  it('names a missing, a doubled and an unknown source', () => {
    expect(
      checkSubjectSources([
        'milestone',
        'milestone',
        'key_work',
        'calendar_year',
        'problem',
        'notice',
        'clause',
        'forecast',
      ]),
    ).toEqual([
      'subject "milestone" has 2 sources',
      'subject "project" (not_registered, not_started, idle_land, start_at_risk) has no source',
      'source for subject "forecast" that no alert kind names',
    ]);
  });

  it('asks for a source as soon as a kind names a new subject', () => {
    const withCommitments = { ...ALERT_KIND_SOURCES, commitment_missed: ['commitment'] };
    expect(
      checkSubjectSources(
        ['milestone', 'project', 'key_work', 'calendar_year', 'problem', 'notice', 'clause'],
        withCommitments,
      ),
    ).toEqual(['subject "commitment" (commitment_missed) has no source']);
  });
});
