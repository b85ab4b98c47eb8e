export * from './audit-writer';
export * from './audit.subscriber';
