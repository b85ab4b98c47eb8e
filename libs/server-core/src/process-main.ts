import { ConfigError } from '@luodi/config';

/**
 * The configuration `load` reads from the environment; when it is not valid, its problems (one a
 * line) on stderr and exit 1, before anything starts.
 */
export function configOrExit<T>(load: (env: NodeJS.ProcessEnv) => T): T {
  try {
    return load(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.problems.join('\n')}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** Start a process (`name`: api, worker): a failure to start is printed with its stack and exits 1. */
export function startOrExit(name: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(
      `${name} failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
}
