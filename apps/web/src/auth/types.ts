/** The four roles of domain §1, defined once in libs/domain. */
export { ALL_ROLES as ROLES, isRole, type Role } from '@luodi/domain';

/** The user and sign-in answers (`GET /api/me`, `POST /api/auth/login`): contract in libs/contracts. */
export type { SessionUser, SignInResult } from '@luodi/contracts';
