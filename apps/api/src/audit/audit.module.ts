import { Module, type OnModuleInit } from '@nestjs/common';
import { AuditSubscriber } from '@luodi/persistence';
import { DataSource } from 'typeorm';
import { currentActor } from '../auth/request-context';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

@Module({ controllers: [AuditController], providers: [AuditService] })
export class AuditModule implements OnModuleInit {
  constructor(private readonly dataSource: DataSource) {}

  /** Every audited entity write made in a request is recorded with the request's actor. */
  onModuleInit(): void {
    AuditSubscriber.attach(this.dataSource, currentActor);
  }
}
