import { Injectable } from '@nestjs/common';
import {
  DomainError,
  newUsername,
  NotFound,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordRuleBroken,
  ValidationFailed,
} from '@luodi/domain';
import {
  DepartmentRepository,
  type NewUser,
  SessionRepository,
  Transactions,
  UserRepository,
} from '@luodi/persistence';
import { AuthService } from '../auth/auth.service';
import type { UserViewDto } from '../auth/auth.dto';
import { PasswordService } from '../auth/password.service';
import { type SessionEndReason, SessionEvents } from '../live/session-events';
import type { Page } from '../common/pagination';
import type { CreateUserDto, UpdateUserDto } from './users.dto';
import { Clock } from '@luodi/server-core';

/** 400 naming `password`, the rule broken and its stable code (e.g. `password_common`). */
function checkPassword(password: string, username: string): void {
  const broken = passwordRuleBroken(password, username);
  if (broken) {
    const limit = broken.code === 'password_too_long' ? PASSWORD_MAX_LENGTH : PASSWORD_MIN_LENGTH;
    throw new ValidationFailed('password', broken.rule, { code: broken.code, params: { limit } });
  }
}

@Injectable()
export class UsersService {
  constructor(
    private readonly transactions: Transactions,
    private readonly users: UserRepository,
    private readonly departments: DepartmentRepository,
    private readonly sessions: SessionRepository,
    private readonly passwords: PasswordService,
    private readonly auth: AuthService,
    private readonly sessionEvents: SessionEvents,
    private readonly clock: Clock,
  ) {}

  async list(page: number, pageSize: number): Promise<Page<UserViewDto>> {
    const { items, total } = await this.users.list(page, pageSize);
    return { items: await Promise.all(items.map((user) => this.auth.view(user))), total };
  }

  async get(id: string): Promise<UserViewDto> {
    const user = await this.users.findById(id);
    if (!user) throw new NotFound('user', id);
    return this.auth.view(user);
  }

  async create(input: CreateUserDto): Promise<UserViewDto> {
    // Stored in the one form that sign-in looks up and throttles (see normaliseUsername).
    const username = newUsername(input.username);
    checkPassword(input.password, username);
    const departmentId = await this.checkDepartment(input.role, input.departmentId ?? null);
    if (await this.users.findByUsername(username)) {
      throw DomainError.coded('conflict', 'username_taken', { username });
    }
    const user = await this.users.create({
      username,
      displayName: input.displayName,
      role: input.role,
      departmentId,
      passwordHash: await this.passwords.hash(input.password),
      enabled: true,
    });
    return this.auth.view(user);
  }

  async update(id: string, input: UpdateUserDto): Promise<UserViewDto> {
    const user = await this.users.findById(id);
    if (!user) throw new NotFound('user', id);
    const role = input.role ?? user.role;
    const departmentId = await this.checkDepartment(
      role,
      input.departmentId === undefined ? user.departmentId : input.departmentId,
    );
    const patch: Partial<NewUser> = { role, departmentId };
    if (input.displayName !== undefined) patch.displayName = input.displayName;
    if (input.enabled !== undefined) patch.enabled = input.enabled;
    if (input.password !== undefined) {
      checkPassword(input.password, user.username);
      patch.passwordHash = await this.passwords.hash(input.password);
    }
    const losesAdmin = user.role === 'admin' && user.enabled && (role !== 'admin' || patch.enabled === false);
    const endsSessions = patch.enabled === false || patch.passwordHash !== undefined || role !== user.role;
    const saved = await this.transactions.runOnce(async (manager) => {
      if (losesAdmin) {
        if ((await this.users.lockEnabledAdminCount(manager)) <= 1) {
          throw new DomainError(
            'conflict',
            'not allowed: this is the last enabled admin (rule: keep at least one)',
            { code: 'last_admin' },
          );
        }
      }
      // The row as it is now, under its lock: a change committed meanwhile is not written back over.
      const current = await this.users.lockById(user.id, manager);
      if (!current) throw new NotFound('user', id);
      const updated = await this.users.update(current, patch, manager);
      if (endsSessions) await this.sessions.revokeAllOfUser(user.id, this.clock.now(), manager);
      return updated;
    });
    // After the commit: every API instance ends the user's live streams.
    const reason: SessionEndReason | null =
      patch.enabled === false
        ? 'disabled'
        : role !== user.role
          ? 'role-changed'
          : patch.passwordHash !== undefined
            ? 'password-changed'
            : departmentId !== user.departmentId
              ? 'scope-changed'
              : null;
    if (reason) await this.sessionEvents.ended(user.id, reason);
    return this.auth.view(saved);
  }

  /** A department user needs an existing department; other roles may have one (or none). */
  private async checkDepartment(role: string, departmentId: string | null): Promise<string | null> {
    if (role === 'department' && !departmentId) {
      throw new ValidationFailed('departmentId', 'department_required');
    }
    if (departmentId && !(await this.departments.findById(departmentId))) {
      throw new ValidationFailed('departmentId', 'unknown_reference', {
        params: { entity: 'department', id: departmentId },
      });
    }
    return departmentId;
  }
}
