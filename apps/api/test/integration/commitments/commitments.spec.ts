import { describe, expect, it } from 'vitest';
import { fetchDocx } from '../dispatch/docx-read';
import { buildXlsx, changeStage, download, expectError, uploadXlsx, projectBody } from '../support/fixtures';
import {
  creditCode,
  fgj,
  landProject,
  send,
  stack,
  thisYear,
  today,
  tokens,
  useCommitmentsStack,
} from './support';

/** Commitments (commitments.md) through the built API on real MariaDB. */
describe('commitments (履约 → 达产)', () => {
  useCommitmentsStack();
  const last = thisYear - 1;

  it('checks the credit code and keeps it unique among live projects', async () => {
    const code = creditCode();
    const first = await landProject({ creditCode: code });
    expect(first).toMatchObject({
      creditCode: code,
      landAreaMu: '50.00',
      subsidiesPaid: '0.00',
      fullProductionAt: null,
    });
    const wrongCheck = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    const bad = await stack.call('POST', '/api/projects', {
      token: tokens.bureau,
      body: projectBody(fgj, { name: 'x', investor: 'y', contractAmount: '1.00', creditCode: wrongCheck }),
    });
    expectError(bad, 400, 'creditCode');
    expect(bad.body.code).toBe('credit_code_check');
    const taken = await stack.call('PATCH', `/api/projects/${(await landProject()).id}`, {
      token: tokens.bureau,
      body: { creditCode: code },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('credit_code_taken');
    expectError(
      await stack.call('PATCH', `/api/projects/${first.id}`, {
        token: tokens.bureau,
        body: { landAreaMu: '0' },
      }),
      400,
      'landAreaMu',
    );
    // Once the holder is terminated, the code is free again.
    await changeStage(stack, tokens.bureau, first.id, {
      stage: 'terminated',
      at: today,
      reason: '投资方撤回',
    });
    await landProject({ creditCode: code });
  });

  it('assesses clauses: pending with progress, met at exactly agreed, unmet a cent short; per mu exact', async () => {
    const project = await landProject({ landAreaMu: '33.33' });
    const clause = (body: Record<string, unknown>) =>
      send('POST', `/api/projects/${project.id}/clauses`, body, 201);
    const investment = await clause({
      indicator: 'fixed_asset_investment',
      agreedValue: '1000.00',
      dueDate: `${last}-12-31`,
    });
    const perMu = await clause({
      indicator: 'tax_per_mu',
      agreedValue: '3.00',
      year: last,
      clawbackRatio: '0.5',
      clawbackBasis: 'shortfall',
    });
    await clause({ indicator: 'jobs', agreedValue: '100', dueDate: `${thisYear + 1}-06-30` });
    expectError(
      await stack.call('POST', `/api/projects/${project.id}/clauses`, {
        token: tokens.bureau,
        body: { indicator: 'annual_tax', agreedValue: '10' },
      }),
      400,
      'year',
    );
    expectError(
      await stack.call('POST', `/api/projects/${project.id}/clauses`, {
        token: tokens.leader,
        body: { indicator: 'start_by', agreedDate: today },
      }),
      403,
    );

    await send('PUT', `/api/projects/${project.id}/actuals/${last}`, {
      fixedAssetInvestment: '1000.00',
      taxPaid: '99.98',
    });
    await send('PUT', `/api/projects/${project.id}/actuals/${thisYear}-Q1`, { headcount: 62 });
    const assessed = await send('GET', `/api/projects/${project.id}/commitments`);
    const byId = new Map(assessed.clauses.map((c: { id: string }) => [c.id, c]));
    expect(byId.get(investment.id)).toMatchObject({ status: 'met', actual: '1000.00', progress: 1 });
    // 99.98 ÷ 33.33 = 2.99969… < 3.00: unmet (a float division might say 3.00).
    expect(byId.get(perMu.id)).toMatchObject({
      status: 'unmet',
      actual: '2.9996',
      shortfall: '0.0004',
      recommendedClawback: '0.01',
    });
    expect(assessed.clauses.find((c: { indicator: string }) => c.indicator === 'jobs')).toMatchObject({
      status: 'pending',
      progress: 0.62,
    });
    expect(assessed).toMatchObject({ due: 2, met: 1, rate: 0.5 });

    // A cent short of the investment: unmet by 0.01; the replaced numbers stay in the history.
    await send('PUT', `/api/projects/${project.id}/actuals/${last}`, {
      fixedAssetInvestment: '999.99',
      taxPaid: '99.99',
    });
    const again = await send('GET', `/api/projects/${project.id}/commitments`);
    expect(again.clauses.find((c: { id: string }) => c.id === investment.id)).toMatchObject({
      status: 'unmet',
      shortfall: '0.01',
    });
    expect(again.clauses.find((c: { id: string }) => c.id === perMu.id)).toMatchObject({
      status: 'met',
      actual: '3.0000',
    });
    const actuals = await send('GET', `/api/projects/${project.id}/actuals`);
    const year = actuals.items.find((item: { period: string }) => item.period === String(last));
    expect(year).toMatchObject({ fixedAssetInvestment: '999.99', source: 'manual' });
    expect(year.history).toMatchObject([{ fixedAssetInvestment: '1000.00', taxPaid: '99.98' }]);
    expectError(
      await stack.call('PUT', `/api/projects/${project.id}/actuals/${last}-13`, {
        token: tokens.bureau,
        body: { taxPaid: '1' },
      }),
      400,
      'period',
    );
    expectError(
      await stack.call('PUT', `/api/projects/${project.id}/actuals/${last}`, {
        token: tokens.bureau,
        body: {},
      }),
      400,
    );

    // Clauses change and go (audited).
    const patched = await send('PATCH', `/api/clauses/${investment.id}`, { agreedValue: '999.99' });
    expect(patched).toMatchObject({ agreedValue: '999.99', dueDate: `${last}-12-31` });
    await send('DELETE', `/api/clauses/${investment.id}`, undefined, 204);
    expect(
      (await send('GET', `/api/projects/${project.id}/clauses`)).map((c: { id: string }) => c.id),
    ).not.toContain(investment.id);
    const audit = await send(
      'GET',
      `/api/audit?entityType=commitment_clause&entityId=${investment.id}`,
      undefined,
      200,
      tokens.admin,
    );
    expect(audit.items.map((entry: { action: string }) => entry.action).sort()).toEqual([
      'create',
      'delete',
      'update',
    ]);
  });

  it('imports actuals by credit code: all rows or none, a re-import replaces and keeps history', async () => {
    const code = creditCode();
    const project = await landProject({ creditCode: code });
    const template = await download(stack, tokens.bureau, '/api/actuals/import-template');
    expect(template.status).toBe(200);
    const headers = (template.workbook!.worksheets[0]!.getRow(1).values as string[]).slice(1);
    expect(headers[0]).toBe('统一社会信用代码*');
    const bad = await uploadXlsx(
      stack,
      tokens.bureau,
      '/api/actuals/import',
      await buildXlsx(headers, [
        [code, String(last), '120.00', '5000', '8000', 80],
        [code.slice(0, 17) + (code[17] === '0' ? '1' : '0'), String(last), '1', '', '', ''],
        [creditCode(), `${last}-Q2`, '1', '', '', ''],
        [code, `${thisYear + 1}`, '1', '', '', ''],
      ]),
    );
    expect(bad.status, JSON.stringify(bad.body)).toBe(400);
    expect(bad.body.code).toBe('import_rows_invalid');
    expect(bad.body.rows.map((row: { row: number; field: string }) => `${row.row}:${row.field}`)).toEqual([
      '3:creditCode',
      '4:creditCode',
      '5:period',
    ]);
    expect((await send('GET', `/api/projects/${project.id}/actuals`)).items).toEqual([]);

    const file = (tax: string) =>
      buildXlsx(headers, [
        [code, String(last), tax, '5000', '8000', 80],
        [code, `${last}-12`, '', '', '8000', 82],
      ]);
    const imported = await uploadXlsx(stack, tokens.bureau, '/api/actuals/import', await file('120.00'));
    expect(imported.body).toEqual({ imported: 2, replaced: 0 });
    const again = await uploadXlsx(stack, tokens.bureau, '/api/actuals/import', await file('130.00'));
    expect(again.body).toEqual({ imported: 2, replaced: 2 });
    const actuals = await send('GET', `/api/projects/${project.id}/actuals`);
    expect(actuals.items.find((item: { period: string }) => item.period === String(last))).toMatchObject({
      taxPaid: '130.00',
      source: 'import',
      history: [{ taxPaid: '120.00', source: 'import' }],
    });
    expect((await uploadXlsx(stack, tokens.leader, '/api/actuals/import', await file('1'))).status).toBe(403);
  });

  it('prepares the review past full_production_by, caps the clawback at the subsidies, records and exports the decision', async () => {
    const project = await landProject({ landAreaMu: '100.00' });
    await send(
      'POST',
      `/api/projects/${project.id}/clauses`,
      { indicator: 'full_production_by', agreedDate: `${last}-06-30` },
      201,
    );
    await send(
      'POST',
      `/api/projects/${project.id}/clauses`,
      {
        indicator: 'tax_per_mu',
        agreedValue: '2.00',
        year: last,
        clawbackRatio: '1',
        clawbackBasis: 'shortfall',
      },
      201,
    );
    await send(
      'POST',
      `/api/projects/${project.id}/clauses`,
      {
        indicator: 'jobs',
        agreedValue: '300',
        dueDate: `${last}-12-31`,
        clawbackRatio: '0.1',
        clawbackBasis: 'subsidy',
      },
      201,
    );
    await send('PUT', `/api/projects/${project.id}/actuals/${last}`, { taxPaid: '150.00', headcount: 120 });
    await send(
      'POST',
      `/api/projects/${project.id}/subsidies`,
      { amount: '40.00', at: `${last}-03-01` },
      201,
    );
    // Shortfall 0.5 万元/亩 × 100 亩 × 1 = 50.00, plus 40.00 × 0.1 = 4.00: 54.00, capped at 40.00.
    const review = await send('GET', `/api/projects/${project.id}/review`);
    expect(review).toMatchObject({
      ready: true,
      fullProductionBy: `${last}-06-30`,
      subsidiesPaid: '40.00',
      recommendedClawback: '40.00',
      cap: '40.00',
      capped: true,
      decision: null,
    });
    expect(review.clauses.map((c: { recommendedClawback: string }) => c.recommendedClawback).sort()).toEqual([
      '0.00',
      '4.00',
      '50.00',
    ]);

    const decide = (body: Record<string, unknown>, token = tokens.bureau) =>
      stack.call('POST', `/api/projects/${project.id}/review/decision`, { token, body });
    expectError(await decide({ decision: 'reduce', amount: '20.00' }), 400, 'reason');
    expectError(await decide({ decision: 'reduce', amount: '40.00', reason: '经营困难' }), 400, 'amount');
    expect((await decide({ decision: 'accept' }, tokens.leader)).status).toBe(403);
    const decided = await decide({
      decision: 'reduce',
      amount: '20.00',
      reason: '受市场影响，经区政府研究减半追缴',
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body.decision).toMatchObject({
      decision: 'reduce',
      amount: '20.00',
      recommendedClawback: '40.00',
    });
    expect((await decide({ decision: 'waive', reason: 'x' })).body.code).toBe('review_decided');
    const audit = await send('GET', `/api/audit?entityType=commitment_review`, undefined, 200, tokens.admin);
    expect(
      audit.items.some((entry: { after: { reason?: string } | null }) =>
        entry.after?.reason?.includes('减半'),
      ),
    ).toBe(true);

    const docx = await fetchDocx(stack, tokens.leader, `/api/projects/${project.id}/review.docx`);
    expect(docx.status).toBe(200);
    expect(docx.text).toContain('项目达产复核表');
    expect(docx.text).toContain('亩均税收');
    expect(docx.text).toContain('减额追缴：追缴 20.00 万元');

    // Not yet due: a review answers ready: false and refuses a decision.
    const early = await landProject();
    await send(
      'POST',
      `/api/projects/${early.id}/clauses`,
      { indicator: 'full_production_by', agreedDate: `${thisYear + 2}-06-30` },
      201,
    );
    expect((await send('GET', `/api/projects/${early.id}/review`)).ready).toBe(false);
    const refused = await stack.call('POST', `/api/projects/${early.id}/review/decision`, {
      token: tokens.bureau,
      body: { decision: 'accept' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('review_not_due');
  });

  it('moves a project to full production (达产) after operating', async () => {
    const project = await landProject();
    await changeStage(stack, tokens.bureau, project.id, { stage: 'operating', at: `${last}-01-10` });
    const moved = await changeStage(stack, tokens.bureau, project.id, {
      stage: 'full_production',
      at: `${last}-09-10`,
    });
    expect(moved).toMatchObject({ stage: 'full_production', fullProductionAt: `${last}-09-10` });
    expect((await send('GET', `/api/projects/${project.id}/review`)).ready).toBe(true);
  });
});
