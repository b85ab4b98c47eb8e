import { Injectable } from '@nestjs/common';
import { Algorithm, hash, verify } from '@node-rs/argon2';

/**
 * argon2id with OWASP's recommended minimum (19 MiB memory, 2 iterations, 1 lane), through
 * @node-rs/argon2 (maintained, prebuilt binaries: no compiler or install script needed).
 */
const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hash a password for storage (argon2id, PHC string). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

@Injectable()
export class PasswordService {
  /** Verified against when the username is unknown, so both answers take the same time. */
  private readonly dummyHash = hash('luodi-timing-equaliser-not-a-password', OPTIONS);

  hash(password: string): Promise<string> {
    return hashPassword(password);
  }

  async verify(passwordHash: string | null, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash ?? (await this.dummyHash), password);
    } catch {
      return false;
    }
  }
}
