import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS_DIR } from './browser';

/**
 * Figures of a fault drill: written to test-artifacts/drills/<name>-node<major>.json and printed in the test
 * output, so every run leaves its numbers (outage length, recovery time, answers by status, lost and
 * duplicated records) next to the pass/fail.
 */
export function recordDrill(name: string, figures: Record<string, unknown>): string {
  const dir = join(ARTIFACTS_DIR, 'drills');
  mkdirSync(dir, { recursive: true });
  // npm test may run the suite on a second Node major too: one file per drill and Node major.
  const major = process.versions.node.split('.')[0];
  const file = join(dir, `${name}-node${major}.json`);
  const record = { drill: name, at: new Date().toISOString(), node: process.versions.node, ...figures };
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  process.stdout.write(`drill ${name}: ${JSON.stringify(figures)}\n`);
  return file;
}

/** One answer (or its absence) of a request a drill made. */
export interface DrillAnswer {
  /** When the request was sent and when its answer (or failure) came, ms since the epoch. */
  sentAt: number;
  answeredAt: number;
  /** The HTTP status, or 'timeout' (no answer within the bound) or 'network' (no connection). */
  status: number | 'timeout' | 'network';
  body?: unknown;
  headers?: Headers;
  /** Which target answered (e.g. the API instance), when the drill spreads its requests. */
  target?: string;
}

/**
 * fetch as a drill's client: never throws, answers within `timeoutMs` or records a timeout, and
 * keeps the JSON body (or the text) of the answer.
 */
export async function drillFetch(
  url: string,
  init: { method?: string; token?: string; body?: unknown; timeoutMs: number },
): Promise<DrillAnswer> {
  const sentAt = Date.now();
  const headers: Record<string, string> = {};
  if (init.token) headers['authorization'] = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  try {
    const response = await fetch(url, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(init.timeoutMs),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { sentAt, answeredAt: Date.now(), status: response.status, body, headers: response.headers };
  } catch (error) {
    const name = (error as { name?: string }).name;
    const status = name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network';
    return { sentAt, answeredAt: Date.now(), status };
  }
}

/**
 * Fire `send(i)` at a fixed rate (open loop: a slow answer does not slow the next request) until
 * stop() is called; stop() resolves with every answer once the last one is in.
 */
export function steadyLoad(
  ratePerSecond: number,
  send: (index: number) => Promise<DrillAnswer>,
): { answers: DrillAnswer[]; stop(): Promise<DrillAnswer[]> } {
  const answers: DrillAnswer[] = [];
  const inFlight = new Set<Promise<void>>();
  let index = 0;
  const timer = setInterval(() => {
    const request = send(index++).then((answer) => {
      answers.push(answer);
    });
    inFlight.add(request);
    void request.finally(() => inFlight.delete(request));
  }, 1000 / ratePerSecond);
  return {
    answers,
    stop: async () => {
      clearInterval(timer);
      await Promise.all([...inFlight]);
      return answers;
    },
  };
}

/** Answers counted by status ('timeout' and 'network' included), e.g. { "201": 180, "503": 200 }. */
export function countByStatus(answers: DrillAnswer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const answer of answers) counts[String(answer.status)] = (counts[String(answer.status)] ?? 0) + 1;
  return counts;
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
