import { Entity, PrimaryColumn } from 'typeorm';

/**
 * A lock row per value that must be unique among live projects (a credit code, a project code
 * 项目代码). A transaction that gives a project such a value first takes the value's row here
 * (INSERT … ON DUPLICATE KEY UPDATE: an exclusive lock on that one primary-key record until it ends),
 * then looks for a live holder with a plain READ COMMITTED read. Writers of the same value wait for
 * each other; writers of different values never meet — unlike a locking read for a value not stored
 * yet, whose gap lock is shared with every other insert into the same index gap (deadlocks under
 * parallel creates). The rows are locks only: which project holds a value is read from `project`.
 */
@Entity({ name: 'unique_claim' })
export class UniqueClaimEntity {
  @PrimaryColumn({ name: 'kind', type: 'varchar', length: 32 })
  kind!: string;

  @PrimaryColumn({ name: 'value', type: 'varchar', length: 64 })
  value!: string;
}
