import { ALL_ROLES, type Role } from '@luodi/domain';
import { Column, Entity, Index } from 'typeorm';
import {
  IdColumn,
  IdRefColumn,
  VarcharColumn,
  ForeignKey,
  CreatedAtColumn,
  UpdatedAtColumn,
} from './columns';
import { DepartmentEntity } from './department.entity';

@Entity({ name: 'app_user' })
export class UserEntity {
  @IdColumn()
  id!: string;

  @VarcharColumn('username', 64, { unique: true })
  username!: string;

  @VarcharColumn('display_name', 100)
  displayName!: string;

  @Column({ name: 'role', type: 'enum', enum: ALL_ROLES })
  role!: Role;

  @Index('idx_app_user_department_id')
  @IdRefColumn('department_id', { nullable: true })
  departmentId!: string | null;

  @ForeignKey(() => DepartmentEntity, 'department_id', 'fk_app_user_department', 'RESTRICT', {
    nullable: true,
  })
  department?: DepartmentEntity | null;

  /** argon2id (PHC string). Never leaves the server, never audited. */
  @VarcharColumn('password_hash', 255)
  passwordHash!: string;

  @Column({ name: 'enabled', type: 'boolean', default: true })
  enabled!: boolean;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;
}
