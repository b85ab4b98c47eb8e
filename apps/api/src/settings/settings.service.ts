import { Injectable } from '@nestjs/common';
import { type AppSettingEntity, SettingsRepository } from '@luodi/persistence';
import { MilestoneClockService } from '@luodi/server-core';
import type { SettingsDto, UpdateSettingsDto } from './settings.controller';

const view = (row: AppSettingEntity): SettingsDto => ({
  yellowDays: row.yellowDays,
  deemedApprovalThreshold: row.deemedApprovalThreshold,
  notRegisteredDays: row.notRegisteredDays,
  notStartedDays: row.notStartedDays,
  regionCodePrefix: row.regionCodePrefix,
});

/** The thresholds of the clocks and checks; a change recomputes every open milestone. */
@Injectable()
export class SettingsService {
  constructor(
    private readonly settings: SettingsRepository,
    private readonly clocks: MilestoneClockService,
  ) {}

  async get(): Promise<SettingsDto> {
    return view(await this.settings.get());
  }

  async update(body: UpdateSettingsDto): Promise<SettingsDto> {
    const saved = await this.settings.update(body);
    await this.clocks.refreshAllOpen();
    return view(saved);
  }
}
