import { computed, ref } from 'vue';
import type { Milestone, MilestoneEventType } from '../../api/approvals';
import { useAuth } from '../../auth/auth-store';
import { useRowDialog } from '../../composables/useRowDialog';
import { allowedEvents, contextOf } from './milestone-rules';

/**
 * What a list of milestones offers on each row: the events the signed-in user may record (a
 * department user only on its own department's milestones), the event dialog and the detail dialog.
 */
export function useMilestoneActions() {
  const auth = useAuth();
  const role = computed(() => auth.role.value);
  const userDepartmentId = computed(() => auth.user.value?.departmentId ?? null);
  const isDepartment = computed(() => role.value === 'department');

  function choicesFor(row: Milestone) {
    const departmentId = isDepartment.value ? userDepartmentId.value : undefined;
    return allowedEvents(row.state, role.value, contextOf(row, departmentId));
  }

  const event = useRowDialog<Milestone>();
  /** The event the dialog opens on (a row's 补正 / 终止 / 核查 button), or null: the first offered. */
  const eventType = ref<MilestoneEventType | null>(null);
  function openEvent(row: Milestone, type: MilestoneEventType | null = null): void {
    eventType.value = type;
    event.show(row);
  }
  const detail = useRowDialog<Milestone>();
  const detailId = computed(() => detail.row.value?.id ?? null);

  return {
    role,
    userDepartmentId,
    isDepartment,
    choicesFor,
    eventOpen: event.open,
    eventRow: event.row,
    eventType,
    openEvent,
    detailOpen: detail.open,
    detailId,
    openDetail: detail.show,
  };
}

/** What useMilestoneActions gives a list (the row actions and their dialogs take it as a prop). */
export type MilestoneActions = ReturnType<typeof useMilestoneActions>;
