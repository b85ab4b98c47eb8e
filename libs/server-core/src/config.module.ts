import { Global, Module } from '@nestjs/common';
import { loadServerConfig, type ServerConfig } from '@luodi/config';

export const SERVER_CONFIG = Symbol('SERVER_CONFIG');

/** Provides the validated server configuration (validated once at boot in main.ts). */
@Global()
@Module({
  providers: [{ provide: SERVER_CONFIG, useFactory: (): ServerConfig => loadServerConfig(process.env) }],
  exports: [SERVER_CONFIG],
})
export class ConfigModule {}
