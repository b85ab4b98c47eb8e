import { reactive, ref, shallowRef, type Ref, type ShallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { errorMessage } from '../utils/errors';

/** What an admin list's form dialog needs of its page: how a form starts, is filled from a row and saved. */
export interface AdminFormOptions<Row, Form extends object> {
  /** A new record's form. */
  blank: () => Form;
  /** The form of a listed row (shown at once). */
  fromRow: (row: Row) => Partial<Form>;
  /** The full record's form, loaded when the dialog opens (the form shows `fromRow` until then). */
  load?: (row: Row) => Promise<Form>;
  /** Saves the form (`row` null: a new record); false stays open, a text is the success message. */
  save: (row: Row | null) => Promise<string | false | void>;
}

/** The form dialog's handle (`FormDialog`'s exposed flow). */
interface DialogHandle {
  submit: () => Promise<void>;
  validateField: (prop: string) => unknown;
}

export interface AdminForm<Row, Form extends object> {
  open: Ref<boolean>;
  /** The row being edited; null while creating. */
  editing: ShallowRef<Row | null>;
  form: Form;
  /** The form as it was when the dialog opened (after `load`), to send only what changed. */
  original: ShallowRef<Form>;
  loading: Ref<boolean>;
  loadError: Ref<string | null>;
  dialog: ShallowRef<DialogHandle | null>;
  /** For the dialog's component: its handle, and its open / closed state. */
  bindDialog: (handle: unknown) => void;
  setOpen: (value: boolean) => void;
  openCreate: () => void;
  openEdit: (row: Row) => Promise<void>;
  /** Validates and saves (what the dialog's save button does). */
  save: () => Promise<void>;
  /** The dialog's action: saves and says so (已创建 / 已保存 unless `save` says otherwise). */
  persist: () => Promise<string | false>;
}

/** An admin list's create / edit dialog: which row, its form (loaded when needed), and the save. */
export function useAdminForm<Row, Form extends object>(
  options: AdminFormOptions<Row, Form>,
): AdminForm<Row, Form> {
  const { t } = useI18n();
  const open = ref(false);
  const editing = shallowRef<Row | null>(null);
  const form = reactive(options.blank()) as Form;
  const original = shallowRef(options.blank()) as ShallowRef<Form>;
  const loading = ref(false);
  const loadError = ref<string | null>(null);
  const dialog = shallowRef<DialogHandle | null>(null);

  function start(row: Row | null, values: Form): void {
    editing.value = row;
    loadError.value = null;
    original.value = values;
    Object.assign(form, values);
    open.value = true;
  }

  async function openEdit(row: Row): Promise<void> {
    start(row, { ...options.blank(), ...options.fromRow(row) });
    if (!options.load) return;
    loading.value = true;
    try {
      original.value = await options.load(row);
      Object.assign(form, original.value);
    } catch (error) {
      loadError.value = errorMessage(error);
    } finally {
      loading.value = false;
    }
  }

  async function persist(): Promise<string | false> {
    const creating = editing.value === null;
    const said = await options.save(editing.value);
    if (said === false) return false;
    return said ?? t(creating ? 'common.created' : 'common.saved');
  }

  return {
    open,
    editing,
    form,
    original,
    loading,
    loadError,
    dialog,
    bindDialog: (handle) => (dialog.value = handle as DialogHandle | null),
    setOpen: (value) => (open.value = value),
    openCreate: () => start(null, options.blank()),
    openEdit,
    save: async () => void (await dialog.value?.submit()),
    persist,
  };
}
