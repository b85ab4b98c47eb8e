import { type CanActivate, createParamDecorator, type ExecutionContext, Injectable } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/access.decorators';
import { type StreamSlot, StreamSlots } from './stream-slots';

interface SlotRequest extends AuthenticatedRequest {
  liveStreamSlot?: StreamSlot;
}

/**
 * Takes the caller's live-stream slot before the stream route runs (after the access guard), so that
 * a refusal is a plain 429 answer with Retry-After: once the route runs, the stream's 200 headers go
 * out before anything asynchronous could refuse it.
 */
@Injectable()
export class StreamSlotGuard implements CanActivate {
  constructor(private readonly slots: StreamSlots) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<SlotRequest>();
    if (!request.principal) return false;
    request.liveStreamSlot = await this.slots.acquire(request.principal.userId);
    return true;
  }
}

/** The slot StreamSlotGuard took for this request's stream. */
export const CurrentStreamSlot = createParamDecorator(
  (_data: unknown, context: ExecutionContext): StreamSlot => {
    const slot = context.switchToHttp().getRequest<SlotRequest>().liveStreamSlot;
    if (!slot) throw new Error('CurrentStreamSlot used on a route without StreamSlotGuard');
    return slot;
  },
);
