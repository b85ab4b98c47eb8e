export * from './worker-heartbeat.repository';
