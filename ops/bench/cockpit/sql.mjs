// The bare SQL of the cockpit's figures: for each endpoint, the statements that compute the same
// figures as the API's repositories (libs/persistence/src/repositories/figures.repository.ts,
// milestone.repository.ts, alert.repository.ts), run with the same concurrency the service uses
// (statements of one repository method in sequence, the methods of one endpoint in parallel), with
// no API around them: no HTTP, no validation, no clock refresh, no JSON, no post-processing.
// Each returns the key numbers of its figures, to compare once with the endpoint's answer.
import { requireFromRoot } from '../lib/common.mjs';

const chineseDays = requireFromRoot('chinese-days/dist/chinese-days.json');

const rowsOf = async (pool, sql, params) => (await pool.query(sql, params))[0];
const num = (value) => Number(value ?? 0);
const dec = (value) => String(value ?? '0.00');
/** Decimal(…, 2) string ↔ integer cents, as @luodi/domain's toCents/fromCents. */
const toCents = (value) => {
  const [whole, fraction = ''] = dec(value).replace('-', '').split('.');
  const cents = BigInt(whole) * 100n + BigInt((fraction + '00').slice(0, 2));
  return dec(value).startsWith('-') ? -cents : cents;
};
const fromCents = (cents) => {
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
};

/** Business date (Asia/Shanghai) of an instant. */
export const businessDateOf = (moment) => moment.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

const DAY_MS = 86_400_000;
const addDays = (iso, days) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The working-day calendar as the API has it: the package's data overlaid with the overrides. */
export async function loadCalendar(pool) {
  const [overrides] = await pool.query(
    "SELECT DATE_FORMAT(date, '%Y-%m-%d') AS date, kind FROM calendar_override",
  );
  const kinds = new Map();
  for (const date of Object.keys(chineseDays.holidays)) kinds.set(date, 'holiday');
  for (const date of Object.keys(chineseDays.workdays)) kinds.set(date, 'workday');
  for (const row of overrides) kinds.set(row.date, row.kind);
  const isWorkingDay = (iso) => {
    const kind = kinds.get(iso);
    if (kind) return kind === 'workday';
    const weekday = new Date(`${iso}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  };
  return {
    addWorkingDays(iso, count) {
      let day = iso;
      for (let left = count; left > 0;) {
        day = addDays(day, 1);
        if (isWorkingDay(day)) left -= 1;
      }
      return day;
    },
  };
}

/** The window of the year's signings at asOf (figures.repository yearWindow). */
const yearWindow = (year, asOfDate) => {
  const last = `${year}-12-31`;
  return { from: `${year}-01-01`, to: asOfDate < last ? asOfDate : last };
};
const yearStartUtc = (year) => new Date(`${year}-01-01T00:00:00+08:00`);

/** The statements of each endpoint, for year Y at `now` with no other filter. */
export function bareSql(pool, { year, calendar }) {
  const context = () => {
    const moment = new Date();
    const asOfDate = businessDateOf(moment);
    return { moment, asOfDate, window: yearWindow(year, asOfDate) };
  };

  const projectFigures = async ({ asOfDate, window }) => {
    const [signed] = await rowsOf(
      pool,
      `SELECT COUNT(*) AS signedCount, COALESCE(SUM(p.contract_amount), 0.00) AS contractAmount,
              COALESCE(SUM(p.registered_at IS NOT NULL AND p.registered_at <= ?), 0) AS registeredCount,
              COALESCE(SUM(p.started_at IS NOT NULL AND p.started_at <= ?), 0) AS startedCount,
              COALESCE(SUM(p.funds_arrived), 0.00) AS fundsTotal
         FROM project p WHERE p.signed_at >= ? AND p.signed_at <= ?`,
      [asOfDate, asOfDate, window.from, window.to],
    );
    // Funds by asOf = the running totals minus what was entered after asOf (an index range on fund_arrival.at).
    const [later] = await rowsOf(
      pool,
      `SELECT COALESCE(SUM(f.amount), 0.00) AS laterFunds
         FROM fund_arrival f JOIN project p ON p.id = f.project_id
        WHERE f.at > ? AND p.signed_at >= ? AND p.signed_at <= ?`,
      [asOfDate, window.from, window.to],
    );
    // In talks at asOf, as two index ranges on signed_at (IS NULL, and > asOf).
    const [negotiating] = await rowsOf(
      pool,
      `SELECT (SELECT COUNT(*) FROM project p
                WHERE p.signed_at IS NULL AND p.talks_started_at <= ?
                  AND (p.terminated_at IS NULL OR p.terminated_at > ?))
            + (SELECT COUNT(*) FROM project p
                WHERE p.signed_at > ? AND p.talks_started_at <= ?
                  AND (p.terminated_at IS NULL OR p.terminated_at > ?)) AS n`,
      [asOfDate, asOfDate, asOfDate, asOfDate, asOfDate],
    );
    return {
      negotiatingCount: num(negotiating.n),
      signedCount: num(signed.signedCount),
      contractAmount: dec(signed.contractAmount),
      registeredCount: num(signed.registeredCount),
      startedCount: num(signed.startedCount),
      fundsArrived: fromCents(toCents(signed.fundsTotal) - toCents(later.laterFunds)),
    };
  };

  const keyWorkFigures = async ({ asOfDate, moment }) => {
    const [row] = await rowsOf(
      pool,
      `SELECT COUNT(*) AS count, COALESCE(SUM(k.planned_start_month IS NOT NULL), 0) AS plannedStartCount,
              COALESCE(SUM(k.planned_start_month IS NOT NULL AND p.started_at IS NOT NULL AND p.started_at <= ?), 0) AS startedCount,
              COALESCE(SUM(k.annual_plan_investment), 0.00) AS annualPlanInvestment
         FROM key_work k JOIN project p ON p.id = k.project_id WHERE k.year = ?`,
      [asOfDate, year],
    );
    const [completed] = await rowsOf(
      pool,
      `SELECT COALESCE(SUM(r.completed_investment), 0.00) AS completedInvestment
         FROM key_work k JOIN project p ON p.id = k.project_id JOIN key_work_report r ON r.key_work_id = k.id
        WHERE k.year = ? AND r.reported_at <= ?`,
      [year, moment],
    );
    return {
      count: num(row.count),
      plannedStartCount: num(row.plannedStartCount),
      startedCount: num(row.startedCount),
      annualPlanInvestment: dec(row.annualPlanInvestment),
      completedInvestment: dec(completed.completedInvestment),
    };
  };

  const approvals = async ({ asOfDate, moment }) => {
    const [decided] = await rowsOf(
      pool,
      `SELECT COUNT(*) AS decided, COALESCE(SUM(m.decided_on_time = 1 AND m.state <> 'deemed_approved'), 0) AS onTime
         FROM milestone m
        WHERE m.decided_at >= ? AND m.decided_at < ? AND m.decided_at <= ?`,
      [yearStartUtc(year), yearStartUtc(year + 1), moment],
    );
    const [overdue] = await rowsOf(
      pool,
      `SELECT COUNT(*) AS n FROM milestone m
        WHERE m.deadline IS NOT NULL AND m.deadline < ? AND (m.decided_at IS NULL OR m.decided_at > ?)`,
      [asOfDate, moment],
    );
    return {
      decidedCount: num(decided.decided),
      onTimeCount: num(decided.onTime),
      overdueOpen: num(overdue.n),
    };
  };

  const alerts = async () => {
    const rows = await rowsOf(
      pool,
      "SELECT a.level AS level, COUNT(*) AS n FROM alert a WHERE a.status IN ('open', 'acknowledged') GROUP BY a.level",
    );
    const by = new Map(rows.map((row) => [num(row.level), num(row.n)]));
    return { level1: by.get(1) ?? 0, level2: by.get(2) ?? 0, level3: by.get(3) ?? 0 };
  };

  const breakdown = (column) => async () => {
    const { asOfDate, window } = context();
    const rows = await rowsOf(
      pool,
      `SELECT ${column} AS groupKey, COUNT(*) AS signedCount, COALESCE(SUM(p.contract_amount), 0.00) AS contractAmount,
              COALESCE(SUM(p.registered_at IS NOT NULL AND p.registered_at <= ?), 0) AS registeredCount,
              COALESCE(SUM(p.started_at IS NOT NULL AND p.started_at <= ?), 0) AS startedCount
         FROM project p WHERE p.signed_at >= ? AND p.signed_at <= ?
        GROUP BY ${column} ORDER BY contractAmount DESC, signedCount DESC, groupKey ASC`,
      [asOfDate, asOfDate, window.from, window.to],
    );
    return rows.map((row) => ({
      key: String(row.groupKey ?? ''),
      signedCount: num(row.signedCount),
      contractAmount: dec(row.contractAmount),
      registeredCount: num(row.registeredCount),
      startedCount: num(row.startedCount),
    }));
  };

  return {
    async summary() {
      const at = context();
      const [projects, keyWorks, approvalFigures, alertFigures] = await Promise.all([
        projectFigures(at),
        keyWorkFigures(at),
        approvals(at),
        alerts(),
      ]);
      return { ...projects, keyWorks, approvals: approvalFigures, alerts: alertFigures };
    },

    async funnel() {
      const { asOfDate, window } = context();
      const [talks] = await rowsOf(
        pool,
        `SELECT COUNT(*) AS n FROM project p
          WHERE ((p.talks_started_at >= ? AND p.talks_started_at <= ?) OR (p.signed_at >= ? AND p.signed_at <= ?))`,
        [window.from, window.to, window.from, window.to],
      );
      const [signed] = await rowsOf(
        pool,
        `SELECT COUNT(*) AS signed,
                COALESCE(SUM(p.registered_at IS NOT NULL AND p.registered_at <= ?), 0) AS registered,
                COALESCE(SUM(p.started_at IS NOT NULL AND p.started_at <= ?), 0) AS started,
                COALESCE(SUM(p.operating_at IS NOT NULL AND p.operating_at <= ?), 0) AS operating
           FROM project p WHERE p.signed_at >= ? AND p.signed_at <= ?`,
        [asOfDate, asOfDate, asOfDate, window.from, window.to],
      );
      return {
        talks: num(talks.n),
        signed: num(signed.signed),
        registered: num(signed.registered),
        started: num(signed.started),
        operating: num(signed.operating),
      };
    },

    breakdownSource: breakdown('p.source'),
    breakdownIndustry: breakdown('p.industry'),

    async trend() {
      const { moment, window } = context();
      const [signed, started, reported, plan] = await Promise.all([
        rowsOf(
          pool,
          `SELECT MONTH(p.signed_at) AS month, COUNT(*) AS n, COALESCE(SUM(p.contract_amount), 0.00) AS amount
             FROM project p WHERE p.signed_at >= ? AND p.signed_at <= ? GROUP BY MONTH(p.signed_at)`,
          [window.from, window.to],
        ),
        rowsOf(
          pool,
          `SELECT MONTH(p.started_at) AS month, COUNT(*) AS n
             FROM project p WHERE p.started_at >= ? AND p.started_at <= ? GROUP BY MONTH(p.started_at)`,
          [window.from, window.to],
        ),
        rowsOf(
          pool,
          `SELECT r.month AS month, COALESCE(SUM(r.completed_investment), 0.00) AS amount
             FROM key_work k JOIN project p ON p.id = k.project_id JOIN key_work_report r ON r.key_work_id = k.id
            WHERE k.year = ? AND r.reported_at <= ? GROUP BY r.month`,
          [year, moment],
        ),
        rowsOf(
          pool,
          `SELECT COALESCE(SUM(k.annual_plan_investment), 0.00) AS plan
             FROM key_work k JOIN project p ON p.id = k.project_id WHERE k.year = ?`,
          [year],
        ),
      ]);
      const months = {};
      const of = (month) =>
        (months[month] ??= { signedCount: 0, startedCount: 0, completedInvestment: '0.00' });
      for (const row of signed) of(num(row.month)).signedCount = num(row.n);
      for (const row of started) of(num(row.month)).startedCount = num(row.n);
      for (const row of reported)
        if (String(row.month).startsWith(`${year}-`))
          of(Number(String(row.month).slice(5, 7))).completedInvestment = dec(row.amount);
      return { annualPlanInvestment: dec(plan[0]?.plan), months };
    },

    async approvalsByDepartment() {
      const { moment, asOfDate } = context();
      const [[settings]] = await pool.query('SELECT yellow_days AS yellowDays FROM app_setting WHERE id = 1');
      const [itemDays] = await pool.query(
        'SELECT DISTINCT yellow_days AS days FROM approval_item WHERE yellow_days IS NOT NULL',
      );
      const defaultDays = num(settings.yellowDays);
      const cases = [...new Set([defaultDays, ...itemDays.map((row) => num(row.days))])].map((days) => [
        days,
        addDays(calendar.addWorkingDays(asOfDate, days + 1), -1),
      ]);
      const rows = await rowsOf(
        pool,
        `SELECT m.department_id AS departmentId, COALESCE(SUM(m.deadline < ?), 0) AS red,
                COALESCE(SUM(m.deadline >= ? AND CASE COALESCE(i.yellow_days, ?) ${cases.map(() => 'WHEN ? THEN m.deadline <= ?').join(' ')} ELSE 0 END), 0) AS yellow,
                COUNT(*) AS total
           FROM milestone m JOIN approval_item i ON i.code = m.item_code JOIN department d ON d.id = m.department_id
          WHERE m.deadline IS NOT NULL AND m.accepted_on <= ? AND (m.decided_at IS NULL OR m.decided_at > ?)
          GROUP BY m.department_id, d.name`,
        [asOfDate, asOfDate, defaultDays, ...cases.flat(), asOfDate, moment],
      );
      return Object.fromEntries(
        rows.map((row) => [
          String(row.departmentId),
          {
            red: num(row.red),
            yellow: num(row.yellow),
            green: num(row.total) - num(row.red) - num(row.yellow),
          },
        ]),
      );
    },

    async departments() {
      const today = businessDateOf(new Date());
      const from = yearStartUtc(year);
      const to = yearStartUtc(year + 1);
      const [scores, decisions, acks] = await Promise.all([
        rowsOf(
          pool,
          `SELECT d.id AS departmentId, d.name AS departmentName,
                  COALESCE(y.handled, 0) AS handled, COALESCE(y.onTime, 0) AS onTime,
                  COALESCE(y.deemed, 0) AS deemed, COALESCE(o.overdueOpen, 0) AS overdueOpen
             FROM (SELECT m.department_id AS departmentId FROM milestone m GROUP BY m.department_id) h
             JOIN department d ON d.id = h.departmentId
             LEFT JOIN (SELECT m.department_id AS departmentId, COUNT(*) AS handled,
                               SUM(m.decided_on_time = 1 AND m.state <> 'deemed_approved') AS onTime,
                               SUM(m.state = 'deemed_approved') AS deemed
                          FROM milestone m
                         WHERE m.decided_at >= ? AND m.decided_at < ?
                         GROUP BY m.department_id) y ON y.departmentId = d.id
             LEFT JOIN (SELECT m.department_id AS departmentId, COUNT(*) AS overdueOpen
                          FROM milestone m
                         WHERE m.decided_at IS NULL AND m.deadline < ?
                         GROUP BY m.department_id) o ON o.departmentId = d.id`,
          [from, to, today],
        ),
        rowsOf(
          pool,
          `SELECT m.department_id AS departmentId, m.accepted_on AS acceptedOn,
                  DATE(m.decided_at + INTERVAL 8 HOUR) AS decidedOn, COUNT(*) AS n
             FROM milestone m
            WHERE m.decided_at >= ? AND m.decided_at < ? AND m.accepted_on IS NOT NULL
            GROUP BY m.department_id, m.accepted_on, decidedOn`,
          [from, to],
        ),
        rowsOf(
          pool,
          `SELECT department_id AS departmentId, TIMESTAMPDIFF(SECOND, level_since, acknowledged_at) / 3600 AS hours,
                  COUNT(*) AS n
             FROM alert WHERE acknowledged_at >= ? AND acknowledged_at < ?
            GROUP BY department_id, hours`,
          [from, to],
        ),
      ]);
      void decisions;
      void acks;
      return Object.fromEntries(
        scores.map((row) => [
          String(row.departmentId),
          {
            handled: num(row.handled),
            onTime: num(row.onTime),
            deemed: num(row.deemed),
            overdueOpen: num(row.overdueOpen),
          },
        ]),
      );
    },
  };
}
