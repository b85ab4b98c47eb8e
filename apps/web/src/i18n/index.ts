import { createI18n } from 'vue-i18n';
import alertsEn from './alerts.en';
import alertsZhCN from './alerts.zh-CN';
import approvalsEn from './approvals.en';
import approvalsZhCN from './approvals.zh-CN';
import cockpitEn from './cockpit.en';
import commitmentsEn from './commitments.en';
import commitmentsZhCN from './commitments.zh-CN';
import cockpitZhCN from './cockpit.zh-CN';
import confirmEn from './confirm.en';
import confirmZhCN from './confirm.zh-CN';
import dispatchEn from './dispatch.en';
import dispatchZhCN from './dispatch.zh-CN';
import baseEn from './en';
import forecastEn from './forecast.en';
import forecastAccuracyEn from './forecast-accuracy.en';
import forecastAccuracyZhCN from './forecast-accuracy.zh-CN';
import forecastZhCN from './forecast.zh-CN';
import layoutEn from './layout.en';
import layoutZhCN from './layout.zh-CN';
import routesEn from './routes.en';
import routesZhCN from './routes.zh-CN';
import screenEn from './screen.en';
import screenZhCN from './screen.zh-CN';
import baseZhCN, { type MessageSchema as BaseSchema } from './zh-CN';

const zhCN = {
  ...baseZhCN,
  ...approvalsZhCN,
  ...alertsZhCN,
  ...cockpitZhCN,
  ...screenZhCN,
  ...dispatchZhCN,
  ...layoutZhCN,
  ...confirmZhCN,
  ...commitmentsZhCN,
  ...routesZhCN,
  ...forecastZhCN,
  ...forecastAccuracyZhCN,
};
const en = {
  ...baseEn,
  ...approvalsEn,
  ...alertsEn,
  ...cockpitEn,
  ...screenEn,
  ...dispatchEn,
  ...layoutEn,
  ...confirmEn,
  ...commitmentsEn,
  ...routesEn,
  ...forecastEn,
  ...forecastAccuracyEn,
};
export type MessageSchema = BaseSchema &
  typeof approvalsZhCN &
  typeof alertsZhCN &
  typeof cockpitZhCN &
  typeof screenZhCN &
  typeof dispatchZhCN &
  typeof layoutZhCN &
  typeof confirmZhCN &
  typeof commitmentsZhCN &
  typeof routesZhCN &
  typeof forecastZhCN &
  typeof forecastAccuracyZhCN;

export const SUPPORTED_LOCALES = ['zh-CN', 'en'] as const;
export type AppLocale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: AppLocale = 'zh-CN';

export const messages: Record<AppLocale, MessageSchema> = { 'zh-CN': zhCN, en };

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

export function createAppI18n(locale: AppLocale = DEFAULT_LOCALE) {
  return createI18n<[MessageSchema], AppLocale, false>({
    legacy: false,
    locale,
    fallbackLocale: DEFAULT_LOCALE,
    messages,
  });
}

export type AppI18n = ReturnType<typeof createAppI18n>;
