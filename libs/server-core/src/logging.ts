import { RequestMethod } from '@nestjs/common';
import type { ServerConfig } from '@luodi/config';
import type { Params } from 'nestjs-pino';

/** pino settings shared by the API and the worker: level, format, and no secrets in logs. */
export function loggerParams(
  config: Pick<ServerConfig, 'LOG_LEVEL' | 'LOG_FORMAT'>,
  http: NonNullable<Params['pinoHttp']> & object = {},
): Params {
  return {
    // Every route, in the router's current pattern syntax.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.LOG_LEVEL,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      ...(config.LOG_FORMAT === 'pretty'
        ? {
            transport: {
              target: 'pino-pretty',
              options: { singleLine: true, translateTime: 'SYS:HH:MM:ss' },
            },
          }
        : {}),
      ...http,
    },
  };
}
