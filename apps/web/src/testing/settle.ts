import { nextTick } from 'vue';

/** Lets a composable's watcher run and the promise it awaits settle (a tick and two microtasks). */
export async function settle(): Promise<void> {
  await nextTick();
  await Promise.resolve();
  await Promise.resolve();
}
