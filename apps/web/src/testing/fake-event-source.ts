import type { EventSourceLike } from '../live/event-stream';

/** A stand-in for the browser's EventSource in specs: the source, and the hands that drive it. */
export interface FakeEventSource {
  source: EventSourceLike;
  open: () => void;
  fail: () => void;
  /** Delivers a message of `type` whose data is `data` as JSON. */
  emit: (type: string, data: unknown) => void;
}

export function fakeEventSource(): FakeEventSource {
  const listeners = new Map<string, (event: MessageEvent) => void>();
  const source: EventSourceLike = {
    onopen: null,
    onerror: null,
    addEventListener: (type, listener) => listeners.set(type, listener),
    close: () => undefined,
  };
  return {
    source,
    open: () => source.onopen?.(new Event('open')),
    fail: () => source.onerror?.(new Event('error')),
    emit: (type, data) => listeners.get(type)?.(new MessageEvent(type, { data: JSON.stringify(data) })),
  };
}
