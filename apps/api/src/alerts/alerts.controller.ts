import { Body, Get, HttpCode, Param, Post, Query, Sse, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse } from '@nestjs/swagger';
import { type AccessScope, type Principal } from '@luodi/domain';
import { ChecksService } from '@luodi/server-core';
import type { ChecksRunResult } from '@luodi/contracts';
import type { Observable } from 'rxjs';
import {
  AnyRole,
  ApiController,
  CurrentPrincipal,
  CurrentScope,
  QueryToken,
  Roles,
} from '../auth/access.decorators';
import { AckDto, AlertQueryDto, AnswerDto, DeliveryQueryDto } from './alerts.dto';
import { AlertsService } from './alerts.service';
import { DeliveriesService } from './deliveries.service';
import { FiguresPublisher } from '../live/figures-publisher';
import { CurrentStreamSlot, StreamSlotGuard } from '../live/stream-slot.guard';
import type { StreamSlot } from '../live/stream-slots';
import { LiveService, type ServerSentEvent } from './live.service';

@ApiController('', 'alerts')
export class AlertsController {
  constructor(
    private readonly alerts: AlertsService,
    private readonly checks: ChecksService,
    private readonly deliveries: DeliveriesService,
    private readonly live: LiveService,
    private readonly figures: FiguresPublisher,
  ) {}

  @Get('alerts')
  @AnyRole()
  @ApiOperation({ summary: 'Alerts, unacknowledged first (a department: its own)' })
  list(@Query() query: AlertQueryDto, @CurrentScope() scope: AccessScope) {
    return this.alerts.list(query, scope);
  }

  @Get('alerts/:id')
  @AnyRole()
  get(@Param('id') id: string, @CurrentScope() scope: AccessScope) {
    return this.alerts.get(id, scope);
  }

  @Post('alerts/:id/ack')
  @AnyRole()
  @HttpCode(200)
  @ApiOperation({ summary: '签收: the own department acknowledges the current level with a note' })
  ack(
    @Param('id') id: string,
    @Body() body: AckDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentScope() scope: AccessScope,
  ) {
    return this.alerts.acknowledge(id, body, principal, scope);
  }

  @Post('alerts/:id/answer')
  @AnyRole()
  @HttpCode(200)
  @ApiOperation({ summary: '反馈: category, cause, measures and expected date' })
  answer(
    @Param('id') id: string,
    @Body() body: AnswerDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentScope() scope: AccessScope,
  ) {
    return this.alerts.answer(id, body, principal, scope);
  }

  @Post('checks/run')
  @Roles('admin', 'bureau')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Run the stall checks now and wait: { raised, escalated, resolved, deemedApproved }',
  })
  async run(): Promise<ChecksRunResult> {
    const result = await this.checks.run();
    // Alerts and 超时默认 changed: the cockpit's figures (and its cache) follow at once.
    if (result.raised + result.escalated + result.resolved + result.deemedApproved > 0)
      await this.figures.changed('checks');
    return result;
  }

  @Get('deliveries')
  @Roles('admin')
  @ApiOperation({ summary: 'Outbox deliveries (e.g. ?status=failed)' })
  deliveriesList(@Query() query: DeliveryQueryDto) {
    return this.deliveries.list(query.status, query.page, query.pageSize);
  }

  @Post('deliveries/:id/resend')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a failed delivery again (same idempotency key)' })
  resend(@Param('id') id: string) {
    return this.deliveries.resend(id);
  }

  @Sse('events')
  @AnyRole()
  @QueryToken()
  @ApiQuery({
    name: 'access_token',
    required: false,
    description: 'EventSource cannot send headers: the access token may come here',
  })
  @ApiOperation({ summary: 'Live stream (server-sent events) of alert changes the user may see' })
  @ApiResponse({ status: 429, description: 'the user already holds 5 live streams (Retry-After)' })
  @UseGuards(StreamSlotGuard)
  events(
    @CurrentPrincipal() principal: Principal,
    @CurrentStreamSlot() slot: StreamSlot,
  ): Observable<ServerSentEvent> {
    return this.live.open(principal, slot);
  }
}
