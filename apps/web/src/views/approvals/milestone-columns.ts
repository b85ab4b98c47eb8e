/** What a milestone list shows in one of its shared columns. */
export type MilestoneCellKind = 'state' | 'deadline' | 'remaining' | 'light';

/** One shared column: el-table-column's props, and what its cells show (MilestoneCell's props). */
export interface MilestoneColumn {
  key: MilestoneCellKind;
  props: { label: string; width: number; align?: 'center' };
  cell: { cell: MilestoneCellKind; testId?: string };
}

const WIDTHS: Record<MilestoneCellKind, number> = { state: 110, deadline: 110, remaining: 150, light: 60 };

/**
 * The state, deadline, time-left and light columns of a milestone list (审批待办, a project's track), in
 * the order given, labelled by `label`; `widths` where a list differs, `stateTestId` on the state tags.
 */
export function milestoneColumns(
  kinds: readonly MilestoneCellKind[],
  label: (kind: MilestoneCellKind) => string,
  options: { stateTestId: string; widths?: Partial<Record<MilestoneCellKind, number>> },
): MilestoneColumn[] {
  return kinds.map((kind) => ({
    key: kind,
    props: {
      label: label(kind),
      width: options.widths?.[kind] ?? WIDTHS[kind],
      ...(kind === 'light' ? { align: 'center' as const } : {}),
    },
    cell: { cell: kind, ...(kind === 'state' ? { testId: options.stateTestId } : {}) },
  }));
}
