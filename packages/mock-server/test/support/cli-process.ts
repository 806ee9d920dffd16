import { spawn, type ChildProcess } from 'node:child_process';

const packageDir = new URL('../..', import.meta.url).pathname;

/**
 * The CLI as an operator runs it, in its own process (production mode, no
 * seed, write limits off plus `args`), on `dataDir`; resolves once it prints
 * its API address. The caller kills it.
 */
export async function startCliProcess(
  dataDir: string,
  args: string[] = [],
): Promise<{ child: ChildProcess; apiUrl: string }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli.ts',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--no-seed',
      '--rate-limit',
      '0',
      '--staff-write-rate-limit',
      '0',
      ...args,
    ],
    { cwd: packageDir, env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const apiUrl = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /API\s+(http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before it was ready:\n${output}`)));
  });
  return { child, apiUrl };
}
