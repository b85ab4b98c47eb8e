import { describe, expect, it } from 'vitest';
import { withMembers } from './mock-module';

const original = {
  alertsApi: { list: () => 'real list', get: () => 'real get' },
  checksApi: { run: () => 'real run' },
  version: 3,
};
const importOriginal = <T>() => Promise.resolve(original as T);

describe('withMembers', () => {
  it('replaces only the members it is given and keeps the rest of the module', async () => {
    const list = () => 'fake list';
    const mocked = (await withMembers(importOriginal, { alertsApi: { list } })) as typeof original;
    expect(mocked.alertsApi.list).toBe(list);
    expect(mocked.alertsApi.get()).toBe('real get');
    expect(mocked.checksApi).toBe(original.checksApi);
    expect(mocked.version).toBe(3);
    expect(original.alertsApi.list()).toBe('real list');
  });

  it('adds an object the module does not export', async () => {
    const run = () => 'extra';
    const mocked = await withMembers(importOriginal, { extraApi: { run } });
    expect(mocked.extraApi).toEqual({ run });
  });
});
