import { Controller, Get, Headers, HttpStatus, Res } from '@nestjs/common';
import { negotiateLocale, renderErrorMessage } from '@luodi/domain';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { HealthResponse } from '@luodi/contracts';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/access.decorators';
import { HealthService } from './health.service';

@ApiTags('system')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Service health: database, queue (Redis) and the last worker heartbeat' })
  @ApiOkResponse({
    description: '{ status: "ok", db: "up", queue: "up", worker: { status, lastSeenAt, ageSeconds } }',
  })
  @ApiServiceUnavailableResponse({
    description: 'the error envelope plus the same fields, naming what is down',
  })
  async get(
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('accept-language') language?: string,
  ): Promise<HealthResponse> {
    const verdict = await this.health.check();
    const body: HealthResponse = {
      status: verdict.status,
      db: verdict.db,
      queue: verdict.queue,
      worker: verdict.worker,
    };
    reply.header('Cache-Control', 'no-store');
    if (verdict.status === 'ok') return body;
    reply.status(HttpStatus.SERVICE_UNAVAILABLE);
    return {
      statusCode: HttpStatus.SERVICE_UNAVAILABLE,
      error: 'Service Unavailable',
      code: 'service_down',
      params: { down: verdict.down.join(', ') },
      message: renderErrorMessage(
        'service_down',
        { down: verdict.down.join(', ') },
        negotiateLocale(language),
      ),
      ...body,
    };
  }
}
