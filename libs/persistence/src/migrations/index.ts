import { Init1764057600000 } from './1764057600000-Init';

/** Every migration in order. New migrations are generated into this folder and added here. */
export const ALL_MIGRATIONS = [Init1764057600000];
