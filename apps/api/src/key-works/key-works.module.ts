import { Module } from '@nestjs/common';
import { KeyWorksController } from './key-works.controller';
import { KeyWorksService } from './key-works.service';

@Module({ controllers: [KeyWorksController], providers: [KeyWorksService], exports: [KeyWorksService] })
export class KeyWorksModule {}
