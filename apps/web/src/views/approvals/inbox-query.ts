import type { LocationQueryRaw } from 'vue-router';
import { MILESTONE_STATES, type MilestoneLight, type MilestoneState } from '../../api/approvals';
import type { FilterUrl } from '../../composables/usePagedList';
import { choiceField, filterUrl, queryText, switchField, textField } from '../../utils/list-query';

/** 审批待办's filters (all in the address: /approvals?departmentId&light&state&open&q, and projectId). */
export interface InboxFilters {
  departmentId: string;
  light: MilestoneLight | '';
  state: MilestoneState | '';
  open: boolean;
  q: string;
}

const LIGHTS: readonly MilestoneLight[] = ['red', 'yellow', 'green'];

/**
 * The blank filters. The inbox itself shows only open milestones; a project's list, or a list of one
 * state (a cockpit drill-down: /approvals?state=approved), shows the decided ones too.
 */
export function inboxBlank(
  projectId?: string,
  state: MilestoneState | '' = '',
  drilled = false,
): InboxFilters {
  return { departmentId: '', light: '', state, open: !projectId && !state && !drilled, q: '' };
}

/** The keys of `query` named in `keys` (a drill-down's), to keep in the address when the filters change. */
export function pickKeys(query: LocationQueryRaw, keys: readonly string[]): LocationQueryRaw {
  return Object.fromEntries(Object.entries(query).filter(([key]) => keys.includes(key)));
}

/**
 * How the inbox's filters live in the address (`projectId` is kept as it is: the list's context, and so
 * are the cockpit drill-down's keys that `keep` gives; `drilled`: a drill-down shows decided ones too).
 */
export function inboxUrl(
  projectId: () => string | undefined,
  keep: () => LocationQueryRaw = () => ({}),
  drilled: () => boolean = () => false,
): FilterUrl<InboxFilters> {
  const fields = (state: MilestoneState | '') =>
    filterUrl(() => inboxBlank(projectId(), state, drilled()), {
      departmentId: (raw) => raw,
      light: choiceField(LIGHTS),
      state: choiceField(MILESTONE_STATES),
      open: switchField,
      q: textField,
    });
  return {
    // `open`'s default follows the state the address names.
    read: (query) => {
      const state = choiceField(MILESTONE_STATES)(queryText(query, 'state')) ?? '';
      return fields(state).read(query);
    },
    write: (filters) => {
      const query: LocationQueryRaw = fields(filters.state).write(filters);
      if (filters.state) query.state = filters.state;
      const project = projectId();
      const kept = { ...keep(), ...query };
      return project ? { projectId: project, ...kept } : kept;
    },
  };
}
