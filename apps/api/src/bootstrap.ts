import helmet from '@fastify/helmet';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import type { ServerConfig } from '@luodi/config';
import { exceedsJsonDepth, MAX_JSON_DEPTH, negotiateLocale, ValidationFailed } from '@luodi/domain';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { requestIdOf } from './common/request-id';
import { ErrorEnvelopeFilter, toErrorBody } from './common/error-envelope.filter';
import { createValidationPipe } from './common/validation';
import { serveWebApp } from './web/spa';

/** Build the HTTP application (used by main.ts and by in-process tests). */
export async function createApiApp(config: ServerConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    ...requestTimeouts(config),
    trustProxy: config.TRUST_PROXY,
    // While closing, refuse new requests with 503 so a load balancer moves on.
    return503OnClosing: true,
    requestIdHeader: false,
    genReqId: requestIdOf,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, { bufferLogs: true });
  app.useLogger(app.get(PinoLogger));
  await configureHttp(app, config);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Luodi API')
      .setDescription('Signed investment projects, approvals on a working-day clock, alerts and dashboards.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  await serveWebApp(app, config.WEB_ROOT, new Logger('Web'));
  return app;
}

/**
 * How long a request may take to arrive and a connection may stay idle (issue 11: a body trickled in
 * slowly held a connection past 100 s). Node checks the request timeout on an interval (30 s by
 * default), so the interval is shortened to a quarter of the timeout, at most 30 s.
 */
export function requestTimeouts(config: ServerConfig) {
  return {
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    connectionTimeout: config.CONNECTION_TIMEOUT_MS,
    http: {
      headersTimeout: Math.min(60_000, config.REQUEST_TIMEOUT_MS),
      connectionsCheckingInterval: Math.max(250, Math.min(30_000, Math.floor(config.REQUEST_TIMEOUT_MS / 4))),
    },
  };
}

/**
 * A JSON body nested deeper than MAX_JSON_DEPTH is refused before anything walks it: the validation
 * pipe and class-transformer recurse, and 5 000 levels overflowed the stack (500 on every JSON
 * route). Measured without recursion.
 */
function refuseDeepJson(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('preValidation', async (request, reply) => {
      if (request.body === null || typeof request.body !== 'object') return;
      if (!exceedsJsonDepth(request.body, MAX_JSON_DEPTH)) return;
      const body = toErrorBody(
        new ValidationFailed('body', 'json_too_deep', { params: { limit: MAX_JSON_DEPTH } }),
        negotiateLocale(request.headers['accept-language']),
      );
      return reply.status(body.statusCode).header('Cache-Control', 'no-store').send(body);
    });
}

/**
 * What every HTTP app of ours gets, whatever its modules: the /api prefix, request ids, the
 * validation pipe, the error envelope, CORS and security headers.
 */
export async function configureHttp(app: NestFastifyApplication, config: ServerConfig): Promise<void> {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      void reply.header('X-Request-Id', request.id);
      done();
    });
  refuseDeepJson(app);
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorEnvelopeFilter());
  app.enableCors({ origin: config.CORS_ORIGINS.length ? config.CORS_ORIGINS : false, credentials: true });
  await app.register(fastifyCookie);
  // Uploads (Excel imports): one file of at most 20 MiB per request.
  await app.register(fastifyMultipart, { limits: { files: 1, fileSize: 20 * 1024 * 1024, fields: 10 } });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
  });
}
