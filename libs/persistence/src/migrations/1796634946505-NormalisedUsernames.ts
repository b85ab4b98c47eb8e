import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Usernames are stored normalised (NFKC, trimmed, lower case: `normaliseUsername` in libs/domain), the
 * one form that sign-in looks up and throttles. Until now a new username could only be 3–64 ASCII
 * letters, digits, `.`, `_` or `-` (so NFKC, trimming and invisible characters change nothing), but its
 * letters could be upper case: this lower-cases them. No two rows can collide, as the unique index on
 * `username` already compared case-insensitively. Data only: the schema does not change. `down` leaves
 * the names as they are (the original case is not kept, and lower case stays valid).
 */
export class NormalisedUsernames1796634946505 implements MigrationInterface {
  name = 'NormalisedUsernames1796634946505';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'UPDATE `app_user` SET `username` = LOWER(TRIM(`username`)) WHERE BINARY `username` <> LOWER(TRIM(`username`))',
    );
  }

  public async down(): Promise<void> {
    // Nothing to undo: lower-case usernames were always valid.
  }
}
