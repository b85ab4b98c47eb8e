/**
 * What a `use…` helper's hooks set up, for the tests to read: one getter per `values` entry, which
 * throws (naming `owner` and the value) when read while it is not there — before the hooks ran, or
 * not asked for. `fixed` entries are passed through as they are.
 */
export function hookHandles<T extends object, F extends object = object>(
  owner: string,
  values: { [K in keyof T]: () => T[K] | undefined },
  fixed?: F,
): Readonly<T> & F {
  const handles = { ...fixed } as Readonly<T> & F;
  for (const name of Object.keys(values) as Array<keyof T & string>) {
    Object.defineProperty(handles, name, {
      enumerable: true,
      get: () => {
        const value = values[name]();
        if (value === undefined)
          throw new Error(`${owner}: no ${name} (not asked for, or before its hooks ran)`);
        return value;
      },
    });
  }
  return handles;
}
