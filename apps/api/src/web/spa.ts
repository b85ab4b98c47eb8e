import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import { type Logger, NotFoundException } from '@nestjs/common';
import { negotiateLocale } from '@luodi/domain';
import { toErrorBody } from '../common/error-envelope.filter';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Serve the built web app on the API's port: files as they are, and index.html for client-side routes
 * (SPA fallback). Paths under /api never fall back: an unknown API route stays a JSON 404.
 */
export async function serveWebApp(
  app: NestFastifyApplication,
  webRoot: string,
  logger: Logger,
): Promise<void> {
  const root = resolve(webRoot);
  if (!existsSync(join(root, 'index.html'))) {
    logger.warn(`web app not built (no ${join(root, 'index.html')}); serving the API only`);
    return;
  }
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    maxAge: '1h',
    setHeaders: (res, path) => {
      // Hashed assets may be cached for long; index.html must always be revalidated.
      if (path.includes(`${join(root, 'assets')}`))
        res.header('Cache-Control', 'public, max-age=31536000, immutable');
      if (path.endsWith('index.html')) res.header('Cache-Control', 'no-cache');
    },
  });
  fastify.get('/*', (request, reply) => {
    const url = request.url;
    const wantsHtml = (request.headers.accept ?? '').includes('text/html');
    if (url.startsWith('/api/') || url === '/api' || !wantsHtml) {
      return reply
        .status(404)
        .header('Cache-Control', 'no-store')
        .send(
          toErrorBody(
            new NotFoundException(`Cannot GET ${url.split('?')[0]}`),
            negotiateLocale(request.headers['accept-language']),
          ),
        );
    }
    return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
  });
}
