import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { passwordProblem } from '@luodi/domain';
import { appendAudit, DepartmentEntity, SYSTEM_ACTOR, UserEntity } from '@luodi/persistence';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../auth/password.service';
import { DEMO_DEPARTMENTS, DEMO_USERS } from './demo-departments';

export interface DemoCredentials {
  username: string;
  role: string;
  password: string;
}

export interface DemoLoadResult {
  loaded: boolean;
  /** Passwords of the users created now (null when the demo was already there). */
  credentials: DemoCredentials[] | null;
}

/** A readable random password that meets the policy: 4 groups of 4 letters/digits. */
function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(16);
  const chars = [...bytes].map((byte) => alphabet[byte % alphabet.length]);
  return [0, 4, 8, 12].map((start) => chars.slice(start, start + 4).join('')).join('-');
}

/**
 * Load the demo district on an empty database, in one transaction; never twice (it loads only when
 * there are no users, and the unique keys make a concurrent second load fail rather than duplicate).
 * Passwords: DEMO_PASSWORD for every demo user when set, otherwise a random one per user, returned
 * so that `npm start` can print them.
 */
export async function loadDemo(
  dataSource: DataSource,
  demoPassword: string | undefined,
): Promise<DemoLoadResult> {
  const logger = new Logger('Demo');
  if (demoPassword !== undefined) {
    const problem = passwordProblem(demoPassword);
    if (problem) throw new Error(`Invalid configuration: DEMO_PASSWORD ${problem}`);
  }
  const users = await dataSource.getRepository(UserEntity).count();
  if (users > 0) {
    logger.log('demo district already present (users exist): nothing loaded');
    return { loaded: false, credentials: null };
  }
  const credentials: DemoCredentials[] = DEMO_USERS.map((user) => ({
    username: user.username,
    role: user.role,
    password: demoPassword ?? generatePassword(),
  }));
  const hashes = await Promise.all(credentials.map((credential) => hashPassword(credential.password)));

  await dataSource.transaction(async (manager) => {
    const departments = new Map<string, string>();
    for (const department of DEMO_DEPARTMENTS) {
      const saved = await manager
        .getRepository(DepartmentEntity)
        .save(
          manager.getRepository(DepartmentEntity).create({ ...department, email: null, webhookUrl: null }),
        );
      departments.set(department.code, saved.id);
    }
    for (const [index, user] of DEMO_USERS.entries()) {
      await manager.getRepository(UserEntity).save(
        manager.getRepository(UserEntity).create({
          username: user.username,
          displayName: user.displayName,
          role: user.role,
          departmentId: user.departmentCode ? (departments.get(user.departmentCode) ?? null) : null,
          passwordHash: hashes[index]!,
          enabled: true,
        }),
      );
    }
    await appendAudit(manager, SYSTEM_ACTOR, {
      action: 'demo.load',
      entityType: 'system',
      entityId: null,
      after: { departments: DEMO_DEPARTMENTS.length, users: DEMO_USERS.length },
    });
  });
  logger.log(`demo district loaded: ${DEMO_DEPARTMENTS.length} departments, ${DEMO_USERS.length} users`);
  return { loaded: true, credentials };
}
