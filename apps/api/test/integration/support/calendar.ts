/* Working days straight from the holiday data package, independent of the app's own calendar code. */
import chineseDays from 'chinese-days/dist/chinese-days.json';
import { addDays } from './fixtures';

export const calendarData = chineseDays as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};

/** Mon–Fri, minus the package's holidays, plus its 调休 working days. */
export function isWorkingDay(date: string): boolean {
  if (date in calendarData.workdays) return true;
  if (date in calendarData.holidays) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** Working days d with from < d ≤ to. */
export function workingDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day)) count += 1;
  return count;
}
