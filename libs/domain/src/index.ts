export * from './access/password-policy';
export * from './access/roles';
export * from './audit/audit-chain';
export * from './business-time';
export * from './errors';
export * from './service-health';
