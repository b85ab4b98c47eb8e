import { Global, Module } from '@nestjs/common';
import { type ApiConfig, loadApiConfig } from '@luodi/config';

export const API_CONFIG = Symbol('API_CONFIG');

/** The API's validated settings (sign-in, sessions) on top of the shared server config. */
@Global()
@Module({
  providers: [{ provide: API_CONFIG, useFactory: (): ApiConfig => loadApiConfig(process.env) }],
  exports: [API_CONFIG],
})
export class ApiConfigModule {}
