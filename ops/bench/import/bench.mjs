#!/usr/bin/env node
// Bench of the Excel import (issue 11, item 3), on a database of its own, through the built API:
//   * a valid file of a fixed size (default the row limit, 20 000 template rows) imported --runs times
//     (the rows are deleted between runs): time per import (p50, max) and the API's peak RSS above
//     its RSS before each upload (/proc/<pid>/status VmHWM after resetting it);
//   * the files that were the problem: --big-rows rows (default 300 000: about 19 MB, like the file of the issue, under the 20 MB upload limit)
//     and a zip bomb (a few hundred KB expanding to 200 MiB): time to the refusal and peak RSS.
// Run: node ops/bench/import/bench.mjs [--rows 20000] [--runs 5] [--big-rows 300000]
// Uses the built API (npm run build) and the services of ops/services; results in
// ops/bench/results/import-<date>.json.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { constants, crc32, createDeflateRaw } from 'node:zlib';
import {
  benchDatabase,
  log,
  parseArgs,
  percentile,
  requireFromRoot,
  runMain,
  sleep,
  startApi,
  writeDatedResult,
} from '../lib/common.mjs';

const ExcelJS = requireFromRoot('exceljs');

const { options } = parseArgs();
const ROWS = Number(options.rows ?? 20_000);
const RUNS = Number(options.runs ?? 5);
const BIG_ROWS = Number(options['big-rows'] ?? 300_000);
const MIB = 1024 * 1024;

const HEADERS = [
  '项目编号',
  '项目名称*',
  '投资方*',
  '投资方来源（境内/港澳台/境外）*',
  '产业类别*',
  '签约活动*',
  '合同投资额（万元）*',
  '责任单位（名称或代码）*',
  '包联领导',
  '乡镇/园区',
  '计划开工日期',
  '洽谈开始日期',
  '签约日期',
];
const talks = `${new Date().getFullYear() - 1}-03-01`;
const row = (index) => [
  `BENCH-${String(index).padStart(6, '0')}`,
  `导入项目名称${index}`,
  `导入投资有限公司${index}`,
  ['境内', '港澳台', '境外'][index % 3],
  '新能源',
  ['沪洽会', '港洽会', '中博会'][index % 3],
  1000 + (index % 500) + 0.5,
  index % 2 === 0 ? '自然资源局' : 'FGJ',
  '张副区长',
  '经济开发区',
  null,
  talks,
  null,
];

/** An .xlsx of the template header and `count` rows, written by exceljs's streaming writer. */
async function workbook(count) {
  const path = join(tmpdir(), `luodi-bench-import-${process.pid}-${count}.xlsx`);
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
  const sheet = writer.addWorksheet('项目导入');
  sheet.addRow(HEADERS).commit();
  for (let index = 1; index <= count; index += 1) sheet.addRow(row(index)).commit();
  sheet.commit();
  await writer.commit();
  const buffer = readFileSync(path);
  rmSync(path);
  return buffer;
}

/** A zip bomb shaped as an import: one worksheet whose rows hold `mib` MiB of one letter in all. */
async function bomb(mib) {
  const filler = Buffer.alloc(MIB, 'A');
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const parts = [
    [
      'xl/workbook.xml',
      [
        `<workbook xmlns="${main}" xmlns:r="${rel}"><sheets><sheet name="a" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ],
    ],
    [
      'xl/_rels/workbook.xml.rels',
      [
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ],
    ],
    [
      'xl/worksheets/sheet1.xml',
      (function* () {
        yield `<worksheet xmlns="${main}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>项目名称</t></is></c></row>`;
        for (let index = 0; index < mib / 10; index += 1) {
          yield `<row r="${index + 2}"><c r="A${index + 2}" t="inlineStr"><is><t>`;
          for (let piece = 0; piece < 10; piece += 1) yield filler;
          yield '</t></is></c></row>';
        }
        yield '</sheetData></worksheet>';
      })(),
    ],
  ];
  const records = [];
  const directory = [];
  let offset = 0;
  for (const [name, chunks] of parts) {
    const deflate = createDeflateRaw({ level: constants.Z_BEST_COMPRESSION });
    const out = [];
    const collected = new PassThrough();
    deflate.pipe(collected);
    collected.on('data', (chunk) => out.push(chunk));
    const done = new Promise((resolve) => collected.on('end', resolve));
    let crc = 0;
    let size = 0;
    for (const chunk of chunks) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      crc = crc32(bytes, crc);
      size += bytes.length;
      if (!deflate.write(bytes)) await new Promise((resolve) => deflate.once('drain', resolve));
    }
    deflate.end();
    await done;
    const data = Buffer.concat(out);
    const nameBytes = Buffer.from(name);
    // A local header shares its fields from byte 4 with the central entry's from byte 6.
    const entryFields = (header, at) => {
      header.writeUInt16LE(20, at);
      header.writeUInt16LE(8, at + 4);
      header.writeUInt32LE(crc >>> 0, at + 10);
      header.writeUInt32LE(data.length, at + 14);
      header.writeUInt32LE(size, at + 18);
      header.writeUInt16LE(nameBytes.length, at + 22);
      return header;
    };
    const local = entryFields(Buffer.alloc(30), 4);
    local.writeUInt32LE(0x04034b50, 0);
    const central = entryFields(Buffer.alloc(46), 6);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt32LE(offset, 42);
    records.push(local, nameBytes, data);
    directory.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const centralDirectory = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...records, centralDirectory, end]);
}

const memory = (pid) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)[1]) * 1024;
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
};

/** Upload `file`; the answer, the time and the API's peak RSS above its RSS before. */
async function measuredUpload(api, token, file) {
  await sleep(500);
  writeFileSync(`/proc/${api.pid}/clear_refs`, '5');
  const before = memory(api.pid).rss;
  const form = new FormData();
  form.append('file', new Blob([file]), 'bench.xlsx');
  const t0 = performance.now();
  const response = await fetch(`${api.baseUrl}/api/projects/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const body = await response.json();
  const ms = performance.now() - t0;
  const after = memory(api.pid);
  return {
    status: response.status,
    body,
    ms,
    rssBeforeMiB: before / MIB,
    peakAddedMiB: (after.peak - before) / MIB,
  };
}

async function main() {
  const bench = benchDatabase('import');
  log(
    `bench: import of ${ROWS} rows × ${RUNS}, then ${BIG_ROWS} rows and a 200 MiB zip bomb; database ${bench.database}`,
  );
  const { db, machine } = await bench.load();
  const api = await startApi(bench.env);
  try {
    const token = await api.signIn('bureau');
    const file = await workbook(ROWS);
    log(`valid file: ${ROWS} rows, ${(file.length / MIB).toFixed(2)} MiB`);
    const runs = [];
    for (let run = 0; run < RUNS; run += 1) {
      const result = await measuredUpload(api, token, file);
      if (result.status !== 201)
        throw new Error(`import answered ${result.status}: ${JSON.stringify(result.body).slice(0, 500)}`);
      log(`  run ${run + 1}: ${result.ms.toFixed(0)} ms, peak +${result.peakAddedMiB.toFixed(0)} MiB`);
      runs.push(result);
      await db.query(
        "DELETE e FROM project_stage_event e JOIN project p ON p.id = e.project_id WHERE p.code LIKE 'BENCH-%'; DELETE FROM project WHERE code LIKE 'BENCH-%';",
      );
    }

    const big = await workbook(BIG_ROWS);
    log(`big file: ${BIG_ROWS} rows, ${(big.length / MIB).toFixed(2)} MiB`);
    const bigResult = await measuredUpload(api, token, big);
    log(
      `  ${bigResult.status} in ${bigResult.ms.toFixed(0)} ms, peak +${bigResult.peakAddedMiB.toFixed(0)} MiB`,
    );
    const zipBomb = await bomb(200);
    log(`zip bomb: ${(zipBomb.length / 1024).toFixed(0)} KiB → 200 MiB`);
    const bombResult = await measuredUpload(api, token, zipBomb);
    log(
      `  ${bombResult.status} in ${bombResult.ms.toFixed(0)} ms, peak +${bombResult.peakAddedMiB.toFixed(0)} MiB`,
    );

    const times = runs.map((run) => run.ms);
    const peaks = runs.map((run) => run.peakAddedMiB);
    const result = {
      at: new Date().toISOString(),
      machine: `${machine.cores} cores`,
      machineDetail: machine,
      valid: {
        rows: ROWS,
        fileMiB: file.length / MIB,
        runs: RUNS,
        importMs: { p50: percentile(times, 50), max: Math.max(...times) },
        peakRssAddedMiB: { p50: percentile(peaks, 50), max: Math.max(...peaks) },
        rssBeforeMiB: runs.map((run) => Math.round(run.rssBeforeMiB)),
      },
      bigFile: {
        rows: BIG_ROWS,
        fileMiB: big.length / MIB,
        status: bigResult.status,
        code: bigResult.body.code ?? null,
        ms: bigResult.ms,
        peakRssAddedMiB: bigResult.peakAddedMiB,
      },
      zipBomb: {
        fileKiB: zipBomb.length / 1024,
        inflatesToMiB: 200,
        status: bombResult.status,
        code: bombResult.body.code ?? null,
        ms: bombResult.ms,
        peakRssAddedMiB: bombResult.peakAddedMiB,
      },
    };
    const out = writeDatedResult('import', result);
    log(`results: ${out}`);
  } finally {
    await api.stop();
    await bench.drop(db);
  }
}

runMain(main);
