import type { Component } from 'vue';
import type { RowAction } from './RowActions.vue';

/** One column of an admin list (`AdminListPage`): an `el-table-column` described as data. */
export interface AdminColumn<Row> {
  /** Names the column; its cell may come from the page's slot `cell-<key>`. */
  key: string;
  label: string;
  prop?: string;
  width?: number | string;
  minWidth?: number | string;
  align?: 'left' | 'center' | 'right';
  fixed?: boolean | 'left' | 'right';
  showOverflowTooltip?: boolean;
  /** The cell's text (else the row's `prop`, or the page's slot). */
  text?: (row: Row) => string | number;
  /** The cell as a tag. */
  tag?: (row: Row) => CellTag;
  /** The cell is the page's slot `cell-<key>`. */
  slot?: boolean;
  /** The cell is the row's buttons (links). */
  buttons?: readonly RowButton<Row>[];
}

/** A link button of a row (edit, remove, resend …). */
export interface RowButton<Row> {
  key: string;
  text: string;
  run: (row: Row) => unknown;
  type?: 'primary' | 'warning' | 'danger';
  icon?: Component;
  testId?: (row: Row) => string;
  /** Shown only for the rows it says yes to. */
  show?: (row: Row) => boolean;
  loading?: (row: Row) => boolean;
  /** More attributes of the button (data-… for tests). */
  attrs?: (row: Row) => Record<string, string>;
}

export interface CellTag {
  text: string;
  type: 'primary' | 'success' | 'info' | 'warning' | 'danger';
  size?: 'small';
  effect?: 'plain' | 'dark';
  testId?: string;
}

/** The `el-table-column` attributes of a column (what is not about its cell). */
export function columnAttrs<Row>(column: AdminColumn<Row>): Record<string, unknown> {
  const { key: _key, text: _text, tag: _tag, slot: _slot, buttons: _buttons, ...attrs } = column;
  return attrs;
}

/** A yes/no tag (enabled, active …): green for yes, grey for no. */
export const yesNoTag = (yes: boolean, texts: [string, string], size?: 'small'): CellTag => ({
  text: yes ? texts[0] : texts[1],
  type: yes ? 'success' : 'info',
  size,
});

/** One plain field of a form: a text box (the default), a hidden password, a select or a switch. */
export interface FormField {
  /** The form's property (and the item's validation `prop`). */
  key: string;
  label: string;
  testId: string;
  kind?: 'text' | 'password' | 'select' | 'switch';
  /** False leaves the field out (e.g. a switch only when editing). */
  show?: boolean;
  disabled?: boolean;
  placeholder?: string;
  maxlength?: number;
  options?: readonly { value: string; label: string }[];
  optionClass?: string;
  filterable?: boolean;
  clearable?: boolean;
}

/** A row's buttons as its 操作 cell's actions (`RowActions`): the ones it is shown, links in primary colour unless told. */
export function rowActions<Row>(buttons: readonly RowButton<Row>[], row: Row): RowAction[] {
  return buttons
    .filter((button) => !button.show || button.show(row))
    .map((button) => ({
      key: button.key,
      label: button.text,
      type: button.type ?? 'primary',
      icon: button.icon,
      loading: button.loading?.(row),
      testId: button.testId?.(row),
      data: button.attrs?.(row),
      run: () => button.run(row),
    }));
}

/**
 * The names of an admin page, by the house convention: its messages under `messages` (`.title`,
 * `.create`, `.search`; `.hint` with `hint`) and its test ids — `page` on the page
 * (`page-system-<many>` without it), `<one>-create`, `<many>-table`, `<many>-search`,
 * `<one>-edit-<editKey(row)>`, and the dialog's `<one>-dialog`, `<one>-dialog-error`, `<one>-save`.
 */
export interface AdminNames<Row> {
  messages: string;
  /** A record's prefix; a page without it creates nothing (no "create" button). */
  one?: string;
  /** The table's and the search box's prefix (`<one>s` without it). */
  many?: string;
  page?: string;
  /** A search box leads the filters. */
  search?: boolean;
  hint?: boolean;
  /** An "edit" link per row, its test id ending in this key. */
  editKey?: (row: Row) => string;
}

type Translate = (key: string) => string;

/** `AdminListPage`'s naming props for a page named by convention (`AdminNames`), with the page's `parts`. */
export function adminNames<Row, Parts extends object>(t: Translate, names: AdminNames<Row>, parts: Parts) {
  const { messages, one, many = `${one}s`, editKey } = names;
  const creates = one !== undefined;
  return {
    pageTestId: names.page ?? `page-system-${many}`,
    title: t(`${messages}.title`),
    hint: names.hint ? t(`${messages}.hint`) : undefined,
    createLabel: creates ? t(`${messages}.create`) : undefined,
    createTestId: creates ? `${one}-create` : undefined,
    testId: `${many}-table`,
    searchPlaceholder: names.search ? t(`${messages}.search`) : undefined,
    searchTestId: names.search ? `${many}-search` : undefined,
    editTestId: editKey && ((row: Row) => `${one}-edit-${editKey(row)}`),
    ...parts,
  };
}

/**
 * The form dialog's props of a page named by convention: the title (`editTitle`, the create label while
 * creating: null), its test ids and the page's `more` (`rules`, `width`, `labelWidth`).
 */
export function adminDialog<More extends object>(
  t: Translate,
  names: { messages: string; one?: string },
  editTitle: string | null,
  more: More,
) {
  return {
    title: editTitle ?? t(`${names.messages}.create`),
    testId: `${names.one}-dialog`,
    errorTestId: `${names.one}-dialog-error`,
    submitTestId: `${names.one}-save`,
    ...more,
  };
}
