export * from './browser';
export * from './database';
export * from './environment';
export * from './processes';
export * from './redis-server';
export * from './stack';
export * from './alerts';
