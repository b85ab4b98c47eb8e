import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nextTick, ref } from 'vue';
import { bindEventStream, createEventStream, type EventSourceLike } from './event-stream';

/** A stand-in for the browser's EventSource: the test opens, fails and feeds it. */
class FakeEventSource implements EventSourceLike {
  static all: FakeEventSource[] = [];
  onopen: ((event: Event) => unknown) | null = null;
  onerror: ((event: Event) => unknown) | null = null;
  closed = false;
  private listeners = new Map<string, Array<(event: MessageEvent) => void>>();

  constructor(readonly url: string) {
    FakeEventSource.all.push(this);
  }
  addEventListener(type: string, listener: (event: MessageEvent) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close(): void {
    this.closed = true;
  }
  open(): void {
    this.onopen?.(new Event('open'));
  }
  fail(): void {
    this.onerror?.(new Event('error'));
  }
  emit(type: string, data: unknown): void {
    const event = new MessageEvent(type, { data: typeof data === 'string' ? data : JSON.stringify(data) });
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}

const live = () => FakeEventSource.all.filter((source) => !source.closed);
const change = (alertId: string, kind = 'raised') => ({
  alertId,
  kind: 'milestone_overdue',
  level: 2,
  status: 'open',
  departmentId: '3',
  change: kind,
});

function makeStream() {
  return createEventStream({
    create: (url) => new FakeEventSource(url),
    initialDelayMs: 1_000,
    maxDelayMs: 8_000,
  });
}

describe('event stream', () => {
  beforeEach(() => {
    FakeEventSource.all = [];
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('opens one stream with the token in the query and counts what arrives', () => {
    const stream = makeStream();
    stream.start('tok 1');
    stream.start('tok 1'); // the same token keeps the stream
    expect(FakeEventSource.all).toHaveLength(1);
    expect(FakeEventSource.all[0]!.url).toBe('/api/events?access_token=tok+1');

    const source = FakeEventSource.all[0]!;
    source.open();
    expect(stream.connected.value).toBe(true);
    source.emit('alert', change('7'));
    source.emit('alert', change('8', 'level_up'));
    source.emit('alert', change('7', 'acknowledged'));
    source.emit('alert', 'not json');
    expect(stream.changeSeq.value).toBe(3);
    expect(stream.lastChange.value).toMatchObject({ alertId: '7', change: 'acknowledged' });
    // New alerts and level rises are unread; an acknowledgement is not.
    expect(stream.unread.value).toBe(2);
    stream.markRead();
    expect(stream.unread.value).toBe(0);
  });

  it('counts figures messages apart from alerts, without touching the unread count', () => {
    const stream = makeStream();
    stream.start('tok');
    const source = FakeEventSource.all[0]!;
    source.open();
    source.emit('figures', { type: 'figures', subject: 'project', departmentId: '4' });
    source.emit('figures', { type: 'figures', subject: 'funds' });
    source.emit('figures', 'not json');
    source.emit('figures', { subject: 'project' }); // not a figures message
    expect(stream.figuresSeq.value).toBe(2);
    expect(stream.lastFigures.value).toEqual({ type: 'figures', subject: 'funds' });
    expect(stream.changeSeq.value).toBe(0);
    expect(stream.unread.value).toBe(0);

    // Alerts leave the figures signal alone.
    source.emit('alert', change('9'));
    expect(stream.changeSeq.value).toBe(1);
    expect(stream.figuresSeq.value).toBe(2);

    // A drop and a reconnect: figures may have been missed, so both signals bump.
    source.fail();
    vi.advanceTimersByTime(1_000);
    FakeEventSource.all.at(-1)!.open();
    expect(stream.figuresSeq.value).toBe(3);
    expect(stream.changeSeq.value).toBe(2);

    // Sign-out forgets the last message.
    stream.stop();
    expect(stream.lastFigures.value).toBeNull();
  });

  it('reconnects after a drop with exponential backoff, reset once a connection opens', () => {
    const stream = makeStream();
    stream.start('tok');
    FakeEventSource.all[0]!.fail();
    expect(FakeEventSource.all[0]!.closed).toBe(true);
    expect(live()).toHaveLength(0);
    expect(stream.connected.value).toBe(false);

    const waits: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const before = FakeEventSource.all.length;
      let waited = 0;
      while (FakeEventSource.all.length === before) {
        vi.advanceTimersByTime(500);
        waited += 500;
      }
      waits.push(waited);
      FakeEventSource.all.at(-1)!.fail();
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 8_000]);

    vi.advanceTimersByTime(8_000);
    const seqBefore = stream.changeSeq.value;
    FakeEventSource.all.at(-1)!.open();
    // A reconnect after a drop tells listeners to reload (messages may have been missed).
    expect(stream.changeSeq.value).toBe(seqBefore + 1);
    FakeEventSource.all.at(-1)!.fail();
    const count = FakeEventSource.all.length;
    vi.advanceTimersByTime(1_000);
    expect(FakeEventSource.all.length).toBe(count + 1);
    expect(live()).toHaveLength(1);
  });

  it('replaces the stream when the token changes, and stops on sign-out', async () => {
    const stream = makeStream();
    const status = ref('signed-in');
    const tokenVersion = ref(1);
    let token: string | null = 'first';
    bindEventStream(stream, { status, tokenVersion, token: () => token });
    expect(live().map((source) => source.url)).toEqual(['/api/events?access_token=first']);
    live()[0]!.emit('alert', change('1'));
    expect(stream.unread.value).toBe(1);

    // A silent refresh: a new token, a new stream; the old one is closed and its late messages ignored.
    const old = live()[0]!;
    token = 'second';
    tokenVersion.value++;
    await nextTick();
    expect(old.closed).toBe(true);
    expect(live().map((source) => source.url)).toEqual(['/api/events?access_token=second']);
    old.emit('alert', change('2'));
    old.fail();
    expect(stream.unread.value).toBe(1);
    vi.advanceTimersByTime(60_000);
    expect(live()).toHaveLength(1);

    // A pending reconnect is cancelled by a new token too.
    live()[0]!.fail();
    token = 'third';
    tokenVersion.value++;
    await nextTick();
    vi.advanceTimersByTime(60_000);
    expect(live().map((source) => source.url)).toEqual(['/api/events?access_token=third']);

    token = null;
    status.value = 'signed-out';
    tokenVersion.value++;
    await nextTick();
    expect(live()).toHaveLength(0);
    expect(stream.isActive()).toBe(false);
    expect(stream.unread.value).toBe(0);
    expect(stream.lastChange.value).toBeNull();
    vi.advanceTimersByTime(60_000);
    expect(live()).toHaveLength(0);
  });

  it('does nothing where there is no EventSource', () => {
    const stream = createEventStream({ create: null });
    stream.start('tok');
    expect(stream.isActive()).toBe(false);
  });
});
