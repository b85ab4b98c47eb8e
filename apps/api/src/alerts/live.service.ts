import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { type ServerConfig, redisConnectionOptions } from '@luodi/config';
import { type AccessScope, type Principal, scopeOf } from '@luodi/domain';
import { liveChannel } from '@luodi/jobs';
import { SessionRepository } from '@luodi/persistence';
import { Clock, SERVER_CONFIG } from '@luodi/server-core';
import { Redis } from 'ioredis';
import {
  concatMap,
  filter,
  finalize,
  interval,
  map,
  merge,
  Observable,
  share,
  Subject,
  take,
  takeUntil,
} from 'rxjs';
import { isSessionEnded, type SessionEndReason } from '../live/session-events';
import { type StreamSlot, StreamSlots } from '../live/stream-slots';

export interface LiveMessage {
  type: string;
  departmentId?: string;
  [field: string]: unknown;
}

export interface ServerSentEvent {
  type: string;
  data: unknown;
}

const KEEP_ALIVE_MS = 25_000;

/**
 * Live changes for the browsers: one Redis subscription per API instance, fanned out to the event
 * streams it serves, each filtered to what its user may see (a department: its own department).
 * Pub/sub keeps nothing: messages published while the subscription was lost (Redis restarted, a
 * network cut) are gone. So when it comes back the service ends every open stream; browsers reconnect
 * and reload their lists and figures, as they do after any drop.
 */
@Injectable()
export class LiveService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(LiveService.name);
  private readonly messages = new Subject<LiveMessage>();
  private readonly closing = new Subject<void>();
  private readonly resubscribed = new Subject<void>();
  private subscriber?: Redis;
  private subscribedOnce = false;
  private subscriptionLost = false;

  constructor(
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
    private readonly sessions: SessionRepository,
    private readonly slots: StreamSlots,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    this.subscriber = new Redis({
      ...redisConnectionOptions(this.config),
      maxRetriesPerRequest: null,
      retryStrategy: (n) => Math.min(n * 200, 2_000),
    });
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('close', () => {
      if (this.subscribedOnce) this.subscriptionLost = true;
    });
    // ioredis subscribes again right after 'ready' (autoResubscribe); clients come back a second later.
    this.subscriber.on('ready', () => {
      if (!this.subscriptionLost) return;
      this.subscriptionLost = false;
      this.logger.warn('live: Redis subscription restored; ending open streams so that clients reload');
      this.resubscribed.next();
    });
    this.subscriber.on('message', (_channel: string, text: string) => {
      try {
        this.messages.next(JSON.parse(text) as LiveMessage);
      } catch {
        this.logger.warn('ignored a malformed live message');
      }
    });
    await this.subscriber.subscribe(liveChannel(this.config.QUEUE_PREFIX)).then(
      () => {
        this.subscribedOnce = true;
      },
      (error: Error) => {
        this.logger.warn(`live changes unavailable until Redis answers: ${error.message}`);
      },
    );
  }

  /** Every live message this API instance receives (unfiltered: for server-side listeners only). */
  changes(): Observable<LiveMessage> {
    return this.messages.asObservable();
  }

  /**
   * The stream of one session: messages in its user's scope, and a keep-alive ping. It ends (after a
   * last `session-ended` event) as soon as any API instance says the session or all the user's sessions
   * ended (logout, disabling, a role, password or department change), and at the latest at the next keep-alive, when
   * the session is checked again (so a lost Redis message still ends it); also when the API stops, and
   * when the Redis subscription returns after a loss (the client reconnects and reloads what it missed).
   * `slot` is the user's stream slot taken by StreamSlotGuard (the cap: StreamSlots); it is given back
   * when the stream ends, however it ends.
   */
  open(principal: Principal, slot: StreamSlot): Observable<ServerSentEvent> {
    const scope = scopeOf(principal);
    const endedHere = this.messages.pipe(
      filter(isSessionEnded),
      filter(
        (message) =>
          message.userId === principal.userId &&
          (message.sessionId === undefined || message.sessionId === principal.sessionId),
      ),
      map((message) => message.reason),
    );
    const checks = interval(KEEP_ALIVE_MS).pipe(
      concatMap(async () => {
        void this.slots.renew(slot);
        return this.stillLive(principal);
      }),
      share(),
    );
    const ended = merge(
      endedHere,
      checks.pipe(
        filter((live) => !live),
        map((): SessionEndReason | 'ended' => 'ended'),
      ),
    ).pipe(take(1), share());
    const events = merge(
      this.visible(scope),
      checks.pipe(
        filter((live) => live),
        map(() => ({ type: 'ping', data: {} })),
      ),
    ).pipe(takeUntil(ended));
    const farewell = ended.pipe(
      map((reason) => ({ type: 'session-ended', data: { type: 'session-ended', reason } })),
    );
    return new Observable<ServerSentEvent>((subscriber) => {
      this.slots.opened(slot);
      const subscription = merge(events, farewell)
        .pipe(
          takeUntil(merge(this.closing, this.resubscribed)),
          finalize(() => void this.slots.release(slot)),
        )
        .subscribe(subscriber);
      return () => subscription.unsubscribe();
    });
  }

  /** The messages a scope may see (the session-ended messages are for the server only). */
  private visible(scope: AccessScope): Observable<ServerSentEvent> {
    return this.messages.pipe(
      filter((message) => !isSessionEnded(message)),
      filter((message) => scope.kind === 'all' || message.departmentId === scope.departmentId),
      map((message) => ({ type: message.type, data: message })),
    );
  }

  /**
   * Whether the session behind a stream still holds (not revoked or expired, the user still enabled)
   * with the role and department the stream was opened with (its scope).
   */
  private async stillLive(principal: Principal): Promise<boolean> {
    try {
      const live = await this.sessions.findLive(principal.sessionId, this.clock.now());
      return (
        live !== null &&
        live.userId === principal.userId &&
        live.role === principal.role &&
        live.departmentId === principal.departmentId
      );
    } catch {
      // The database is away for a moment: keep the stream; the next check decides.
      return true;
    }
  }

  /** End every open stream first, so that the HTTP server can close. */
  beforeApplicationShutdown(): void {
    this.closing.next();
    this.closing.complete();
    this.subscriber?.disconnect();
  }
}
