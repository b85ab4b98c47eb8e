export * from './colors';
export * from './service-status';
