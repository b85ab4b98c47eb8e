export * from './handler-check';
export * from './jobs';
