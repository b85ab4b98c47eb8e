export * from './audit';
export * from './data-source';
export * from './entities';
export * from './migrations';
export * from './repositories';
export * from './schema';
export * from './unavailable';
export * from './transactions';
