import { Global, Module } from '@nestjs/common';
import { loadServerConfig, type ServerConfig } from '@luodi/config';
import { Clock } from './clock';

export const SERVER_CONFIG = Symbol('SERVER_CONFIG');

/** Provides the validated server configuration (validated once at boot in main.ts) and the clock. */
@Global()
@Module({
  providers: [
    { provide: SERVER_CONFIG, useFactory: (): ServerConfig => loadServerConfig(process.env) },
    {
      provide: Clock,
      inject: [SERVER_CONFIG],
      useFactory: (config: ServerConfig): Clock => new Clock(config.LUODI_FAKE_NOW),
    },
  ],
  exports: [SERVER_CONFIG, Clock],
})
export class ConfigModule {}
