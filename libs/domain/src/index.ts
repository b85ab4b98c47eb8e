export * from './business-time';
export * from './errors';
export * from './service-health';
