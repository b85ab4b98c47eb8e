import { startStack, type TestStack } from '@luodi/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAll, projectCount, shanghaiToday, type Tokens, uploadXlsx } from './support/fixtures';
import {
  bombWorkbook,
  memoryOf,
  resetPeak,
  rowXml,
  TEMPLATE_HEADERS,
  validRow,
  validWorkbook,
  workbookOfRows,
} from './support/xlsx-files';

const MIB = 1024 * 1024;
/** Issue 11: any upload adds less than this to the API's memory. */
const MEMORY_BOUND = 300 * MIB;
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The upload deadline this test's API runs with (IMPORT_UPLOAD_SECONDS). */
const UPLOAD_SECONDS = 10;

/** A multipart upload whose body sends the head and half the file, then waits for `goOn()`. */
function heldUpload(baseUrl: string, token: string, file: Buffer) {
  const boundary = '----luodi-import-limits';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="slow.xlsx"\r\n` +
      `Content-Type: ${XLSX_MIME}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const half = Math.floor(file.length / 2);
  let goOn!: () => void;
  const mayFinish = new Promise<void>((resolve) => (goOn = resolve));
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(new Uint8Array(Buffer.concat([head, file.subarray(0, half)])));
      await mayFinish;
      controller.enqueue(new Uint8Array(Buffer.concat([file.subarray(half), tail])));
      controller.close();
    },
  });
  const answer = fetch(`${baseUrl}/api/projects/import`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'accept-language': 'en',
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    body,
    duplex: 'half',
  } as RequestInit & { duplex: 'half' });
  return { answer, goOn };
}

/**
 * Imports are bounded: rows, bytes once inflated, and one at a time per API instance. Memory is
 * measured on the API process itself (/proc/<pid>/status: peak RSS during the upload, against the
 * RSS before it).
 */
describe('import limits: rows, inflated size, one import at a time, memory (real MariaDB)', () => {
  let stack: TestStack;
  let tokens: Tokens;
  let pid: number;
  const lastYear = Number(shanghaiToday().slice(0, 4)) - 1;
  const talks = `${lastYear}-03-01`;

  beforeAll(async () => {
    stack = await startStack({ env: { IMPORT_UPLOAD_SECONDS: String(UPLOAD_SECONDS) } });
    tokens = await loginAll(stack);
    pid = stack.api.child.pid!;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** Upload `file` and report the answer and how much the API's peak RSS rose above its RSS before. */
  const measuredUpload = async (file: Buffer) => {
    // Let the idle API settle, then start the peak from here.
    await new Promise((resolve) => setTimeout(resolve, 200));
    resetPeak(pid);
    const before = memoryOf(pid).rss;
    const answer = await uploadXlsx(stack, tokens.bureau, '/api/projects/import', file);
    const added = memoryOf(pid).peak - before;
    return { answer, added };
  };

  it('a zip bomb (a few hundred KB expanding to 200 MiB of XML) is refused with 413 naming the limit, early', async () => {
    const bomb = await bombWorkbook(20, 10);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const before = await projectCount(stack, tokens.admin);
    const { answer, added } = await measuredUpload(bomb);
    process.stdout.write(
      `\n[import-limits] zip bomb of ${(bomb.length / 1024).toFixed(0)} KiB → 200 MiB: ${answer.status}, API peak +${(added / MIB).toFixed(0)} MiB\n`,
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(413);
    expect(answer.body).toMatchObject({
      statusCode: 413,
      code: 'import_too_large',
      limitBytes: 64 * MIB,
      message: expect.stringContaining('64 MiB'),
    });
    expect(answer.body.message).toMatch(/^file: /);
    expect(added).toBeLessThan(MEMORY_BOUND);
    expect(await projectCount(stack, tokens.admin)).toBe(before);
  });

  it('more rows than the limit (20 000) is refused naming the limit, and imports nothing', async () => {
    const file = await workbookOfRows(function* () {
      yield rowXml(1, TEMPLATE_HEADERS);
      for (let index = 1; index <= 60_000; index += 1) yield rowXml(index + 1, validRow(index, 'LIM', talks));
    });
    const before = await projectCount(stack, tokens.admin);
    const { answer, added } = await measuredUpload(file);
    process.stdout.write(
      `\n[import-limits] 60 000 rows (${(file.length / MIB).toFixed(1)} MiB): ${answer.status}, API peak +${(added / MIB).toFixed(0)} MiB\n`,
    );
    expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBe(400);
    expect(answer.body).toMatchObject({
      statusCode: 400,
      code: 'import_too_many_rows',
      limitRows: 20_000,
      message: expect.stringContaining('20000'),
    });
    expect(added).toBeLessThan(MEMORY_BOUND);
    expect(await projectCount(stack, tokens.admin)).toBe(before);
  });

  it('a row far past the limit among few rows is refused as well (row numbers count)', async () => {
    const file = await workbookOfRows(function* () {
      yield rowXml(1, TEMPLATE_HEADERS);
      yield rowXml(2, validRow(1, 'FAR', talks));
      yield rowXml(30_000, validRow(2, 'FAR', talks));
    });
    const answer = await uploadXlsx(stack, tokens.bureau, '/api/projects/import', file);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'import_too_many_rows', limitRows: 20_000 });
  });

  it('a file of exactly the row limit imports, within the memory bound', async () => {
    const file = await validWorkbook(20_000, 'MAX', talks);
    const before = await projectCount(stack, tokens.admin);
    const { answer, added } = await measuredUpload(file);
    process.stdout.write(
      `\n[import-limits] 20 000 valid rows (${(file.length / MIB).toFixed(1)} MiB): ${answer.status}, API peak +${(added / MIB).toFixed(0)} MiB\n`,
    );
    expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBe(201);
    expect(answer.body).toEqual({ imported: 20_000 });
    expect(added).toBeLessThan(MEMORY_BOUND);
    expect(await projectCount(stack, tokens.admin)).toBe(before + 20_000);
    // Every Chinese text came through whole (the streaming reader must not cut a character at a
    // chunk boundary): each stored row equals the row written.
    const dataSource = await stack.database.dataSource();
    const stored = (await dataSource.query(
      `SELECT p.code, p.name, p.investor, p.lead_official AS leadOfficial, p.location, d.name AS department
         FROM project p JOIN department d ON d.id = p.lead_department_id WHERE p.code LIKE 'MAX-%'`,
    )) as Array<Record<string, string>>;
    expect(stored).toHaveLength(20_000);
    const wrong = stored.filter((row) => {
      const index = Number(row['code']!.slice(4));
      const written = validRow(index, 'MAX', talks);
      return (
        row['name'] !== written[1] ||
        row['investor'] !== written[2] ||
        row['leadOfficial'] !== written[8] ||
        row['location'] !== written[9] ||
        row['department'] !== (index % 2 === 0 ? '自然资源局' : '发展和改革局')
      );
    });
    expect(wrong.slice(0, 3)).toEqual([]);
  });

  it('a second import while one runs is 429 with Retry-After and code import_busy, and changes nothing', async () => {
    const slowFile = await validWorkbook(3, 'SLOW', talks);
    // The first upload sends its multipart head and half the file, then waits until told to go on.
    const { answer: first, goOn } = heldUpload(stack.api.baseUrl, tokens.bureau, slowFile);

    // A second import while the first is being received. Until the first request has reached the
    // handler the probe may get through, so the probe is a file with a bad row (400, nothing imported)
    // sent again until it meets the busy slot.
    const probe = await workbookOfRows(function* () {
      yield rowXml(1, TEMPLATE_HEADERS);
      yield rowXml(2, validRow(1, 'BUSY', '不是日期'));
    });
    const second = await validWorkbook(2, 'BUSY', talks);
    const before = await projectCount(stack, tokens.admin);
    let busy: { status: number; headers: Headers; body: any } | null = null;
    for (let attempt = 0; attempt < 100 && !busy; attempt += 1) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(probe)], { type: XLSX_MIME }), 'busy.xlsx');
      const response = await fetch(`${stack.api.baseUrl}/api/projects/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.bureau}`, 'accept-language': 'en' },
        body: form,
      });
      const answer = { status: response.status, headers: response.headers, body: await response.json() };
      if (answer.status === 429) busy = answer;
      else {
        expect(answer.status, JSON.stringify(answer.body)).toBe(400);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    expect(busy, 'no 429 for the second import').not.toBeNull();
    expect(busy!.body).toMatchObject({
      statusCode: 429,
      code: 'import_busy',
      retryAfterSeconds: 5,
      message: expect.stringMatching(/^file: /),
    });
    expect(busy!.headers.get('retry-after')).toBe('5');
    expect(await projectCount(stack, tokens.admin)).toBe(before);

    // The first finishes and imports; the slot is free again.
    goOn();
    const firstAnswer = await first;
    expect(firstAnswer.status, await firstAnswer.clone().text()).toBe(201);
    expect(await firstAnswer.json()).toEqual({ imported: 3 });
    const again = await uploadXlsx(stack, tokens.bureau, '/api/projects/import', second);
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(await projectCount(stack, tokens.admin)).toBe(before + 5);
  });

  it('an upload that stalls loses the import slot after IMPORT_UPLOAD_SECONDS (408), and the next import runs', async () => {
    const before = await projectCount(stack, tokens.admin);
    const stalled = heldUpload(stack.api.baseUrl, tokens.bureau, await validWorkbook(3, 'STALL', talks));
    const started = Date.now();
    const answer = await stalled.answer.then(
      async (response) => ({ status: response.status, body: await response.json() }),
      (error: unknown) => ({ status: 0, body: String(error) }),
    );
    const waited = (Date.now() - started) / 1000;
    process.stdout.write(
      `\n[import-limits] stalled upload answered ${answer.status} after ${waited.toFixed(1)} s\n`,
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(408);
    expect(answer.body).toMatchObject({
      statusCode: 408,
      code: 'import_upload_timeout',
      limitSeconds: UPLOAD_SECONDS,
      message: expect.stringMatching(/^file: /),
    });
    stalled.goOn();
    // The slot is free again at once.
    const next = await uploadXlsx(
      stack,
      tokens.bureau,
      '/api/projects/import',
      await validWorkbook(2, 'AFTER', talks),
    );
    expect(next.status, JSON.stringify(next.body)).toBe(201);
    expect(await projectCount(stack, tokens.admin)).toBe(before + 2);
  });
});
