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
 */
@Injectable()
export class LiveService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(LiveService.name);
  private readonly messages = new Subject<LiveMessage>();
  private readonly closing = new Subject<void>();
  private subscriber?: Redis;

  constructor(@Inject(SERVER_CONFIG) private readonly config: ServerConfig) {}

  async onModuleInit(): Promise<void> {
    this.subscriber = new Redis(this.config.REDIS_URL, {
      maxRetriesPerRequest: null,
      retryStrategy: (n) => Math.min(n * 200, 2_000),
    });
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (_channel: string, text: string) => {
      try {
        this.messages.next(JSON.parse(text) as LiveMessage);
      } catch {
        this.logger.warn('ignored a malformed live message');
      }
    });
    await this.subscriber.subscribe(liveChannel(this.config.QUEUE_PREFIX)).catch((error: Error) => {
      this.logger.warn(`live changes unavailable until Redis answers: ${error.message}`);
    });
  }

  /** Every live message this API instance receives (unfiltered: for server-side listeners only). */
  changes(): Observable<LiveMessage> {
    return this.messages.asObservable();
  }

  /** The stream of one user: messages in scope, and a keep-alive ping. Ends when the API stops. */
  stream(scope: AccessScope): Observable<ServerSentEvent> {
    const visible = this.messages.pipe(
      filter((message) => scope.kind === 'all' || message.departmentId === scope.departmentId),
      map((message) => ({ type: message.type, data: message })),
    );
    const pings = interval(KEEP_ALIVE_MS).pipe(map(() => ({ type: 'ping', data: {} })));
    return merge(visible, pings).pipe(takeUntil(this.closing));
  }

  /** End every open stream first, so that the HTTP server can close. */
  beforeApplicationShutdown(): void {
    this.closing.next();
    this.closing.complete();
    this.subscriber?.disconnect();
  }
}
