export * from './colors';
export * from './service-status';
export * from './cockpit/drill';
export { percentTick, type DrillItem, type RateFormatter } from './cockpit/common';
export * from './cockpit/funnel';
export * from './cockpit/breakdown';
export * from './cockpit/trend';
export * from './cockpit/approval-lights';
export * from './cockpit/problems';
