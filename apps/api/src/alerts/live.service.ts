import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { ServerConfig } from '@luodi/config';
import type { AccessScope } from '@luodi/domain';
import { liveChannel } from '@luodi/jobs';
import { SERVER_CONFIG } from '@luodi/server-core';
import { Redis } from 'ioredis';
import { filter, interval, map, merge, Observable, Subject, takeUntil } from 'rxjs';

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

  constructor(@Inject(SERVER_CONFIG) private readonly config: ServerConfig) {}

  async onModuleInit(): Promise<void> {
    this.subscriber = new Redis(this.config.REDIS_URL, {
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
   * The stream of one user: messages in scope, and a keep-alive ping. Ends when the API stops, and
   * when the Redis subscription returns after a loss (the client reconnects and reloads what it missed).
   */
  stream(scope: AccessScope): Observable<ServerSentEvent> {
    const visible = this.messages.pipe(
      filter((message) => scope.kind === 'all' || message.departmentId === scope.departmentId),
      map((message) => ({ type: message.type, data: message })),
    );
    const pings = interval(KEEP_ALIVE_MS).pipe(map(() => ({ type: 'ping', data: {} })));
    return merge(visible, pings).pipe(takeUntil(merge(this.closing, this.resubscribed)));
  }

  /** End every open stream first, so that the HTTP server can close. */
  beforeApplicationShutdown(): void {
    this.closing.next();
    this.closing.complete();
    this.subscriber?.disconnect();
  }
}
