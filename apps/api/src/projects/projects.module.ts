import { Module } from '@nestjs/common';
import { ExcelImportModule } from '../common/excel-import';
import { ProjectExportService } from './project-export.service';
import { ProjectImportService } from './project-import.service';
import { ProjectsController } from './projects.controller';
import { ProjectsService } from './projects.service';

@Module({
  imports: [ExcelImportModule],
  controllers: [ProjectsController],
  providers: [ProjectsService, ProjectImportService, ProjectExportService],
  exports: [ProjectsService, ProjectImportService],
})
export class ProjectsModule {}
