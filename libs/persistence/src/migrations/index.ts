import { Init1795593600000 } from './1795593600000-Init';
import { AuthAndAudit1795596351081 } from './1795596351081-AuthAndAudit';

/** Every migration in order. New migrations are generated into this folder and added here. */
export const ALL_MIGRATIONS = [Init1795593600000, AuthAndAudit1795596351081];
