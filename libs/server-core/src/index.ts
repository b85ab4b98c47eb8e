export * from './calendar.service';
export * from './config.module';
export * from './database.module';
export * from './logging';
export * from './milestone-clock.service';
export * from './shutdown';
export * from './alerts/checks.service';
export * from './alerts/chat-robots';
