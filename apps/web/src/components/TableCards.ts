import {
  Comment,
  Fragment,
  defineComponent,
  h,
  isVNode,
  type PropType,
  type Slot,
  type VNode,
  type VNodeArrayChildren,
} from 'vue';

/** What a card needs of one `<el-table-column>`: its label, how it renders a row, whether it holds actions. */
export interface CardColumn {
  label: string;
  prop?: string;
  render?: Slot;
  formatter?: (row: unknown, column: unknown, value: unknown, index: number) => unknown;
  actions: boolean;
}

/** A row's key for `v-for`: its `rowKey` field when that is a string or number, else its index. */
export function rowKeyOf(row: unknown, rowKey: string, index: number): string | number {
  const value = (row as Record<string, unknown>)[rowKey];
  return typeof value === 'string' || typeof value === 'number' ? value : index;
}

/** The `<el-table-column>` vnodes of a table's default slot (through v-for fragments, past v-if comments). */
export function columnsOf(children: VNodeArrayChildren | undefined): CardColumn[] {
  const columns: CardColumn[] = [];
  for (const child of children ?? []) {
    if (Array.isArray(child)) {
      columns.push(...columnsOf(child));
      continue;
    }
    if (!isVNode(child) || child.type === Comment) continue;
    if (child.type === Fragment) {
      columns.push(...columnsOf(child.children as VNodeArrayChildren));
      continue;
    }
    const props = (child.props ?? {}) as Record<string, unknown>;
    const type = props.type;
    if (type === 'selection' || type === 'expand' || type === 'index') continue;
    const slots = (child.children ?? {}) as Record<string, Slot | undefined>;
    columns.push({
      label: typeof props.label === 'string' ? props.label : '',
      prop: typeof props.prop === 'string' ? props.prop : undefined,
      render: typeof slots === 'object' && !Array.isArray(slots) ? slots.default : undefined,
      formatter:
        typeof props.formatter === 'function' ? (props.formatter as CardColumn['formatter']) : undefined,
      // The row's buttons: a right-fixed column (the tables' 操作) goes to the card's foot, unlabelled.
      actions: props.fixed === 'right',
    });
  }
  return columns;
}

function cellOf(column: CardColumn, row: unknown, index: number): VNode[] | string {
  const value = column.prop ? (row as Record<string, unknown>)[column.prop] : undefined;
  if (column.render) return column.render({ row, $index: index, column: { property: column.prop } });
  if (column.formatter) return String(column.formatter(row, { property: column.prop }, value, index) ?? '');
  return value === null || value === undefined || value === '' ? '—' : String(value);
}

function cardAttrs(key: string | number, row: unknown, open: ((row: unknown) => void) | undefined) {
  const attrs = { key, class: 'paged-card', 'data-testid': 'list-card' };
  if (!open) return attrs;
  return {
    ...attrs,
    class: 'paged-card paged-card-clickable',
    role: 'button',
    tabindex: 0,
    onClick: () => open(row),
    onKeydown: (event: KeyboardEvent) => {
      if (event.key === 'Enter') open(row);
    },
  };
}

/**
 * A list's rows as cards (phones): every column of the page's table as "label: value", the first
 * column as the card's heading, the 操作 column's buttons at the foot. The columns are the page's
 * own `<el-table-column>`s (the `columns` slot), so a page need not describe its rows twice.
 */
export default defineComponent({
  name: 'TableCards',
  props: {
    rows: { type: Array as PropType<readonly unknown[]>, required: true },
    keyOf: { type: Function as PropType<(row: unknown, index: number) => string | number>, required: true },
    /** A card opens its row (the table's `row-click`): the whole card is clickable, and Enter on it. */
    open: { type: Function as PropType<(row: unknown) => void>, default: undefined },
  },
  setup(props, { slots }) {
    return () => {
      const columns = columnsOf(slots.columns?.());
      const [head, ...rest] = columns.filter((column) => !column.actions);
      const actions = columns.filter((column) => column.actions);
      return props.rows.map((row, index) =>
        h('article', cardAttrs(props.keyOf(row, index), row, props.open), [
          head
            ? h('div', { class: 'paged-card-head' }, [
                head.label ? h('span', { class: 'paged-card-label' }, head.label) : null,
                h('div', { class: 'paged-card-value' }, cellOf(head, row, index)),
              ])
            : null,
          h(
            'dl',
            { class: 'paged-card-fields' },
            rest.flatMap((column) => [
              h('dt', { class: 'paged-card-label' }, column.label),
              h('dd', { class: 'paged-card-value' }, cellOf(column, row, index)),
            ]),
          ),
          actions.length
            ? h(
                'div',
                { class: 'paged-card-actions' },
                actions.map((column) => cellOf(column, row, index)),
              )
            : null,
        ]),
      );
    };
  },
});
