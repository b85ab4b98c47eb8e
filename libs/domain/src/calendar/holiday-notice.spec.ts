import chineseDays from 'chinese-days/dist/chinese-days.json';
import { describe, expect, it } from 'vitest';
import { calendarConditions, recipientsOf } from '../alerts/alert-rules';
import { parseHolidayNotice } from './holiday-notice';
import { isProvisionalDeadline, unconfirmedYearsToAnnounce } from './provisional';

/** 国务院办公厅关于2026年部分节假日安排的通知 (国办发明电〔2025〕7号), as published. */
const NOTICE_2026 = `国务院办公厅关于2026年部分节假日安排的通知
国办发明电〔2025〕7号

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
\u3000\u3000经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
\u3000\u3000一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
\u3000\u3000二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
\u3000\u3000三、清明节：4月4日（周六）至6日（周一）放假，共3天。
\u3000\u3000四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
\u3000\u3000五、端午节：6月19日（周五）至21日（周日）放假，共3天。
\u3000\u3000六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
\u3000\u3000七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
\u3000\u3000节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疾控等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。

国务院办公厅
2025年11月4日`;

const data = chineseDays as { holidays: Record<string, string>; workdays: Record<string, string> };
const packageYear = (map: Record<string, string>, year: string) =>
  Object.keys(map)
    .filter((date) => date.startsWith(`${year}-`))
    .sort();

describe('parseHolidayNotice', () => {
  it('reads the 2026 notice into exactly the package’s 2026 holidays and 调休 working days', () => {
    const { entries, problems } = parseHolidayNotice(NOTICE_2026, 2026);
    expect(problems).toEqual([]);
    const of = (kind: string) => entries.filter((entry) => entry.kind === kind).map((entry) => entry.date);
    expect(of('holiday')).toEqual(packageYear(data.holidays, '2026'));
    expect(of('workday')).toEqual(packageYear(data.workdays, '2026'));
    expect(entries.find((entry) => entry.date === '2026-02-15')).toEqual({
      date: '2026-02-15',
      kind: 'holiday',
      name: '春节',
    });
    expect(entries.find((entry) => entry.date === '2026-02-28')?.name).toBe('春节调休');
  });

  it('reads the short form of the issue, a range across months and years, and single days', () => {
    const text =
      '一、元旦：2026年12月31日至2027年1月2日放假，共3天。 二、春节：2月15日至23日放假调休，共9天。2月14日（周六）、2月28日（周六）上班。' +
      '三、劳动节：4月30日至5月4日放假。四、端午节：6月9日放假。';
    const { entries, problems } = parseHolidayNotice(text, 2027);
    expect(problems).toEqual([]);
    const dates = entries.map((entry) => `${entry.date}:${entry.kind}`);
    expect(dates).toEqual(
      expect.arrayContaining([
        '2026-12-31:holiday',
        '2027-01-02:holiday',
        '2027-02-15:holiday',
        '2027-02-23:holiday',
        '2027-02-14:workday',
        '2027-02-28:workday',
        '2027-04-30:holiday',
        '2027-05-04:holiday',
        '2027-06-09:holiday',
      ]),
    );
    expect(entries.filter((entry) => entry.name === '春节' && entry.kind === 'holiday')).toHaveLength(9);
    expect(entries.filter((entry) => entry.name === '劳动节')).toHaveLength(5);
  });

  it('names what it cannot read', () => {
    expect(parseHolidayNotice('元旦放假三天', 2027).problems).toEqual([
      'no numbered section (一、元旦：…) found',
    ]);
    const { problems } = parseHolidayNotice('一、元旦：2月30日放假。二、春节：放假安排另行通知。', 2027);
    expect(problems).toEqual([
      '元旦：2月30日放假（日期无法识别）',
      '元旦：未找到放假日期',
      '春节：未找到放假日期',
    ]);
  });
});

describe('provisional deadlines', () => {
  const confirmed = new Set([2025, 2026]);

  it('a deadline is provisional in a year without data', () => {
    expect(isProvisionalDeadline('2026-12-30', confirmed)).toBe(false);
    expect(isProvisionalDeadline('2027-01-05', confirmed)).toBe(true);
    expect(isProvisionalDeadline(null, confirmed)).toBe(false);
  });

  it('announces next year from December 1, and at once a year that holds an open deadline', () => {
    expect(unconfirmedYearsToAnnounce('2026-11-30', confirmed, [])).toEqual([]);
    expect(unconfirmedYearsToAnnounce('2026-11-30', confirmed, [2026, 2027])).toEqual([2027]);
    expect(unconfirmedYearsToAnnounce('2026-12-01', confirmed, [])).toEqual([2027]);
    expect(unconfirmedYearsToAnnounce('2026-12-07', new Set([2026, 2027]), [])).toEqual([]);
    expect(unconfirmedYearsToAnnounce('2027-01-04', confirmed, [])).toEqual([2027]);
  });
});

describe('calendarConditions', () => {
  it('one level-1 alert per unconfirmed year, for admins (no department), with its open deadlines', () => {
    const conditions = calendarConditions('2026-12-07', new Set([2026]), [
      { year: 2027, openDeadlines: 4, firstDeadline: '2027-01-05' },
    ]);
    expect(conditions).toEqual([
      {
        kind: 'calendar_unconfirmed',
        subjectType: 'calendar_year',
        subjectId: '2027',
        departmentId: null,
        projectId: null,
        level: 1,
        detail: { year: 2027, openDeadlines: 4, firstDeadline: '2027-01-05' },
      },
    ]);
    expect(calendarConditions('2026-12-07', new Set([2026, 2027]), [])).toEqual([]);
    expect(recipientsOf(1, null)).toEqual(['admin']);
  });
});
