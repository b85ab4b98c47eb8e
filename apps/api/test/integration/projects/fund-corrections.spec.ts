import { describe, expect, it } from 'vitest';
import { addFunds, changeStage, createProject, download, expectError } from '../support/fixtures';
import { getProject, lastYear, ownSource, stack, tokens, useProjectsStack, zrzyj } from './support';

/** A signed project of a source of the test's own, so the summary's filter isolates it. */
async function signedProject(contractAmount: string) {
  const source = await ownSource(`更正测试会${Date.now() % 1_000_000}${Math.floor(Math.random() * 1000)}`);
  const project = await createProject(stack, tokens.bureau, zrzyj, {
    source,
    contractAmount,
    talksStartedAt: `${lastYear}-01-05`,
  });
  await changeStage(stack, tokens.bureau, project.id, { stage: 'signed', at: `${lastYear}-03-01` });
  return { project, source };
}

const summary = async (source: string, asOf?: string) => {
  const answer = await stack.call(
    'GET',
    `/api/dashboard/summary?year=${lastYear}&source=${encodeURIComponent(source)}${asOf ? `&asOf=${asOf}` : ''}`,
    { token: tokens.leader },
  );
  expect(answer.status).toBe(200);
  return answer.body;
};

const auditVerifies = async () => {
  const verify = await stack.call('GET', '/api/audit/verify', { token: tokens.admin });
  expect(verify.status).toBe(200);
  expect(verify.body.ok).toBe(true);
};

describe('funds corrections, reversals and over-contract confirmation (real MariaDB)', () => {
  useProjectsStack();

  it('a reversal is a new negative entry naming the original; figures are right at every asOf; audited', async () => {
    const { project, source } = await signedProject('1000.00');
    await addFunds(stack, tokens.bureau, project.id, { amount: '300.00', at: `${lastYear}-04-01` });
    const funded = await addFunds(stack, tokens.bureau, project.id, {
      amount: '200.00',
      at: `${lastYear}-06-01`,
    });
    const wrong = funded.funds[1];
    expect((await summary(source)).fundsArrived).toBe('500.00');

    const reversed = await stack.call('POST', `/api/projects/${project.id}/funds/${wrong.id}/reversal`, {
      token: tokens.bureau,
      body: { reason: '重复录入' },
    });
    expect(reversed.status, JSON.stringify(reversed.body)).toBe(201);
    expect(reversed.body.fundsArrived).toBe('300.00');
    expect(reversed.body.funds).toHaveLength(3);
    const reversal = reversed.body.funds.find((fund: any) => fund.reversesId === wrong.id);
    expect(reversal).toMatchObject({ amount: '-200.00', at: `${lastYear}-06-01`, reason: '重复录入' });
    // The original stays, marked as reversed by the new entry.
    expect(reversed.body.funds.find((fund: any) => fund.id === wrong.id)).toMatchObject({
      amount: '200.00',
      reversedBy: reversal.id,
    });

    // The figures at today, between the entries and before both.
    expect((await summary(source)).fundsArrived).toBe('300.00');
    expect((await summary(source, `${lastYear}-07-01`)).fundsArrived).toBe('300.00');
    expect((await summary(source, `${lastYear}-05-01`)).fundsArrived).toBe('300.00');
    expect((await summary(source, `${lastYear}-03-15`)).fundsArrived).toBe('0.00');
    expect((await summary(source)).fundsRate).toBe(0.3);

    // The list and its export show the corrected total.
    const list = await stack.call('GET', `/api/projects?source=${encodeURIComponent(source)}`, {
      token: tokens.leader,
    });
    expect(list.body.items[0].fundsArrived).toBe('300.00');
    const exported = await download(
      stack,
      tokens.leader,
      `/api/projects/export?source=${encodeURIComponent(source)}`,
    );
    const sheet = exported.workbook!.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    expect(sheet.getRow(2).getCell(header.indexOf('到位资金（万元）')).value).toBe(300);

    // Audited: the reversal entry is in the trail with its reason, the chain verifies.
    const trail = await stack.call('GET', `/api/audit?entityType=fund_arrival&entityId=${reversal.id}`, {
      token: tokens.admin,
    });
    expect(trail.status).toBe(200);
    expect(trail.body.items).toHaveLength(1);
    expect(JSON.stringify(trail.body.items[0])).toContain('重复录入');
    await auditVerifies();
  });

  it('a correction reverses the original and records its replacement, both with the reason', async () => {
    const { project, source } = await signedProject('1000.00');
    const funded = await addFunds(stack, tokens.bureau, project.id, {
      amount: '120.00',
      at: `${lastYear}-04-01`,
    });
    const original = funded.funds[0];
    const corrected = await stack.call(
      'POST',
      `/api/projects/${project.id}/funds/${original.id}/correction`,
      {
        token: tokens.admin,
        body: {
          amount: '1200.00',
          at: `${lastYear}-05-10`,
          reason: '金额少录一位',
          confirmOverContract: true,
        },
      },
    );
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(201);
    expect(corrected.body.fundsArrived).toBe('1200.00');
    const reversal = corrected.body.funds.find((fund: any) => fund.reversesId === original.id);
    const replacement = corrected.body.funds.find((fund: any) => fund.correctsId === original.id);
    expect(reversal).toMatchObject({ amount: '-120.00', at: `${lastYear}-04-01`, reason: '金额少录一位' });
    expect(replacement).toMatchObject({ amount: '1200.00', at: `${lastYear}-05-10`, reason: '金额少录一位' });
    // At every asOf the original no longer counts and the replacement counts from its date.
    expect((await summary(source, `${lastYear}-04-15`)).fundsArrived).toBe('0.00');
    expect((await summary(source, `${lastYear}-05-10`)).fundsArrived).toBe('1200.00');
    expect((await summary(source)).fundsArrived).toBe('1200.00');
    // The replacement can itself be reversed; the total is then 0.
    const again = await stack.call('POST', `/api/projects/${project.id}/funds/${replacement.id}/reversal`, {
      token: tokens.bureau,
      body: { reason: '项目资金未实际到位' },
    });
    expect(again.status).toBe(201);
    expect(again.body.fundsArrived).toBe('0.00');
    expect((await summary(source)).fundsArrived).toBe('0.00');
    await auditVerifies();
  });

  it('refuses a second reversal, reversing a reversal, a blank reason, another project’s entry; nothing changes', async () => {
    const { project } = await signedProject('1000.00');
    const funded = await addFunds(stack, tokens.bureau, project.id, {
      amount: '50.00',
      at: `${lastYear}-04-01`,
    });
    const entry = funded.funds[0];
    const first = await stack.call('POST', `/api/projects/${project.id}/funds/${entry.id}/reversal`, {
      token: tokens.bureau,
      body: { reason: '录错项目' },
    });
    expect(first.status).toBe(201);
    const reversal = first.body.funds.find((fund: any) => fund.reversesId === entry.id);
    const before = await getProject(project.id);

    const twice = await stack.call('POST', `/api/projects/${project.id}/funds/${entry.id}/reversal`, {
      token: tokens.bureau,
      body: { reason: '再冲一次' },
    });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('fund_entry_already_reversed');
    const corrected = await stack.call('POST', `/api/projects/${project.id}/funds/${entry.id}/correction`, {
      token: tokens.bureau,
      body: { amount: '10.00', at: `${lastYear}-04-01`, reason: '更正' },
    });
    expect(corrected.body.code).toBe('fund_entry_already_reversed');
    const ofReversal = await stack.call('POST', `/api/projects/${project.id}/funds/${reversal.id}/reversal`, {
      token: tokens.bureau,
      body: { reason: '冲销冲销' },
    });
    expect(ofReversal.status).toBe(409);
    expect(ofReversal.body.code).toBe('fund_entry_is_reversal');

    const other = await signedProject('1000.00');
    const otherFunded = await addFunds(stack, tokens.bureau, other.project.id, {
      amount: '5.00',
      at: `${lastYear}-04-01`,
    });
    const crossed = await stack.call(
      'POST',
      `/api/projects/${project.id}/funds/${otherFunded.funds[0].id}/reversal`,
      { token: tokens.bureau, body: { reason: '跨项目' } },
    );
    expect(crossed.status).toBe(404);
    for (const body of [{}, { reason: '   ' }, { reason: 'x'.repeat(501) }]) {
      const blank = await stack.call(
        'POST',
        `/api/projects/${other.project.id}/funds/${otherFunded.funds[0].id}/reversal`,
        { token: tokens.bureau, body },
      );
      expectError(blank, 400, 'reason');
    }
    // Departments and leaders read, they do not correct.
    for (const token of [tokens.leader, tokens.dept]) {
      const denied = await stack.call(
        'POST',
        `/api/projects/${other.project.id}/funds/${otherFunded.funds[0].id}/reversal`,
        { token, body: { reason: '无权' } },
      );
      expect(denied.status).toBe(403);
    }
    expect(await getProject(project.id)).toEqual(before);
    expect((await getProject(other.project.id)).fundsArrived).toBe('5.00');
  });

  it('funds above the contract amount are refused with funds_over_contract unless confirmed', async () => {
    const { project } = await signedProject('100.00');
    const body = { amount: '80.00', at: `${lastYear}-04-01` };
    expect(
      (await stack.call('POST', `/api/projects/${project.id}/funds`, { token: tokens.bureau, body })).status,
    ).toBe(201);
    const before = await getProject(project.id);
    const over = await stack.call('POST', `/api/projects/${project.id}/funds`, {
      token: tokens.bureau,
      body: { amount: '20.01', at: `${lastYear}-04-02` },
    });
    expect(over.status).toBe(409);
    expect(over.body).toMatchObject({
      code: 'funds_over_contract',
      total: '100.01',
      contractAmount: '100.00',
    });
    expect(over.body.message).toMatch(/^amount: /);
    expect(await getProject(project.id)).toEqual(before);
    // Up to the contract amount needs no confirmation; above it, confirmOverContract: true records it.
    const exact = await stack.call('POST', `/api/projects/${project.id}/funds`, {
      token: tokens.bureau,
      body: { amount: '20.00', at: `${lastYear}-04-02` },
    });
    expect(exact.status).toBe(201);
    const confirmed = await stack.call('POST', `/api/projects/${project.id}/funds`, {
      token: tokens.bureau,
      body: { amount: '5.00', at: `${lastYear}-04-03`, confirmOverContract: true },
    });
    expect(confirmed.status).toBe(201);
    expect(confirmed.body.fundsArrived).toBe('105.00');
    const notBoolean = await stack.call('POST', `/api/projects/${project.id}/funds`, {
      token: tokens.bureau,
      body: { amount: '5.00', at: `${lastYear}-04-03`, confirmOverContract: 'yes' },
    });
    expectError(notBoolean, 400, 'confirmOverContract');
    // A correction that would exceed the contract asks too (the corrected entry no longer counts).
    const correction = await stack.call(
      'POST',
      `/api/projects/${project.id}/funds/${confirmed.body.funds[0].id}/correction`,
      { token: tokens.bureau, body: { amount: '90.00', at: `${lastYear}-04-01`, reason: '金额更正' } },
    );
    expect(correction.status).toBe(409);
    expect(correction.body).toMatchObject({ code: 'funds_over_contract', total: '115.00' });
    const fits = await stack.call(
      'POST',
      `/api/projects/${project.id}/funds/${confirmed.body.funds[0].id}/correction`,
      { token: tokens.bureau, body: { amount: '75.00', at: `${lastYear}-04-01`, reason: '金额更正' } },
    );
    expect(fits.status).toBe(201);
    expect(fits.body.fundsArrived).toBe('100.00');
  });
});
