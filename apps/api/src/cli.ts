import 'reflect-metadata';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Logger } from '@nestjs/common';
import { ConfigError, loadDatabaseConfig } from '@luodi/config';
import {
  AuditRepository,
  AuditSubscriber,
  openDataSource,
  ensureDatabase,
  pendingSchemaChanges,
  runMigrations,
  SYSTEM_ACTOR,
} from '@luodi/persistence';
import { Clock } from '@luodi/server-core';
import type { DataSource } from 'typeorm';
import { loadDemo } from './demo/demo-loader';
import { standaloneForecast } from './forecast/standalone-forecast';

const logger = new Logger('Cli');
const USAGE = `usage: cli <command>
  migrate                    create the database if missing and apply pending migrations
  migration:check            exit 1 when the entities differ from the migrations (prints the SQL)
  migration:generate <Name>  write a new migration with the SQL that brings the schema to the entities
  audit:verify               exit 1 unless the audit hash chain verifies (prints the entries checked)
  demo:load [file]           load the demo district when the database is empty; generated passwords
                             are written to [file] (mode 600) for npm start to print
  forecast:snapshot <date>   keep the month-end start forecasts of <date> (a month's last day, not
                             after today) now; rows already kept for that month-end stay as they are`;

async function withDataSource<T>(url: string, work: (ds: DataSource) => Promise<T>) {
  const dataSource = await openDataSource({ url, poolSize: 2 });
  AuditSubscriber.attach(dataSource, () => SYSTEM_ACTOR);
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, name] = argv;
  const { DATABASE_URL: url, LUODI_FAKE_NOW: fakeNow } = loadDatabaseConfig(process.env);
  switch (command) {
    case 'migrate': {
      await ensureDatabase(url);
      const applied = await withDataSource(url, runMigrations);
      logger.log(applied.length ? `applied ${applied.join(', ')}` : 'schema is up to date');
      return 0;
    }
    case 'migration:check': {
      const pending = await withDataSource(url, pendingSchemaChanges);
      if (pending.length === 0) {
        logger.log('entities and migrations agree');
        return 0;
      }
      process.stderr.write(`entities differ from the migrations; missing SQL:\n${pending.join(';\n')};\n`);
      return 1;
    }
    case 'migration:generate': {
      if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
        process.stderr.write('migration:generate needs a PascalCase name\n');
        return 2;
      }
      const { up, down } = await withDataSource(url, async (dataSource) => {
        const sql = await dataSource.driver.createSchemaBuilder().log();
        return {
          up: sql.upQueries.map((query) => query.query),
          down: sql.downQueries.map((query) => query.query).reverse(),
        };
      });
      if (up.length === 0) {
        logger.log('no changes: nothing generated');
        return 0;
      }
      const timestamp = Date.now();
      const className = `${name}${timestamp}`;
      const quote = (sql: string) =>
        `    await queryRunner.query(\`${sql.replace(/[`\\]/g, '\\$&').replace(/\$\{/g, '\\${')}\`);`;
      const file = join(process.cwd(), 'libs/persistence/src/migrations', `${timestamp}-${name}.ts`);
      writeFileSync(
        file,
        `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${up.map(quote).join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${down.map(quote).join('\n')}
  }
}
`,
      );
      logger.log(`wrote ${file}; add ${className} to libs/persistence/src/migrations/index.ts`);
      return 0;
    }
    case 'audit:verify': {
      const result = await withDataSource(url, (dataSource) => new AuditRepository(dataSource).verify());
      if (result.ok) {
        process.stdout.write(`ok: ${result.count} entries verified\n`);
        return 0;
      }
      process.stderr.write(
        `broken after ${result.count} entries: #${result.firstBroken?.seq} ${result.firstBroken?.reason}\n`,
      );
      return 1;
    }
    case 'demo:load': {
      const result = await withDataSource(url, (dataSource) =>
        loadDemo(dataSource, process.env['DEMO_PASSWORD'], new Clock(fakeNow).now()),
      );
      if (result.credentials && name) {
        mkdirSync(dirname(name), { recursive: true });
        writeFileSync(
          name,
          `${result.credentials.map((credential) => `${credential.username}\t${credential.role}\t${credential.password}`).join('\n')}\n`,
          { mode: 0o600 },
        );
        chmodSync(name, 0o600);
      }
      return 0;
    }
    case 'forecast:snapshot': {
      if (!name) {
        process.stderr.write('forecast:snapshot needs a month-end date YYYY-MM-DD\n');
        return 2;
      }
      const summary = await withDataSource(url, (dataSource) =>
        standaloneForecast(dataSource, new Clock(fakeNow)).snapshots.takeSnapshot(name),
      );
      process.stdout.write(
        `forecast snapshot of ${summary.monthEnd}: ${summary.candidates} routed projects, ${summary.forecast} forecast, ${summary.written} new rows\n`,
      );
      return 0;
    }
    default:
      process.stderr.write(`${USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError) process.stderr.write(`${error.problems.join('\n')}\n`);
    else process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
