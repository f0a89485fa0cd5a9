import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { validate } from 'dockerfile-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_PRESENT, TEST_DATABASE_URL, dropSchemas, testSchemaName } from '../support/postgres.js';
import { REPO_ROOT } from '../support/process.js';
import { linkProductionModules } from '../support/production-modules.js';
import { freePort, until } from '../support/wait.js';
import { DOCKERFILE, imageOf, readStages } from './dockerfile-model.js';

const text = readFileSync(DOCKERFILE, 'utf8');
const stages = readStages(text);
const build = imageOf(stages.find((s) => s.name === 'build')!);
const run = imageOf(stages.at(-1)!);

/** The uid and gid of the `node` user of the official Node.js images (the run stage's USER). */
const NODE_USER = { uid: 1000, gid: 1000 };

describe('Dockerfile', () => {
  it('is valid Dockerfile syntax, and the validator is real: a misspelt instruction is reported', () => {
    expect(validate(text)).toEqual([]);
    const broken = validate(text.replace('WORKDIR /app', 'WORKDIRR /app'));
    expect(broken.map((d) => d.message).join('\n')).toMatch(/unknown instruction: WORKDIRR/i);
  });

  it('builds with the devDependencies, then runs with the production dependencies and dist/ only', () => {
    expect(stages.map((s) => s.name)).toEqual(['build', 'run']);
    expect(build.runs.find((r) => r.startsWith('npm ci'))).not.toContain('--omit=dev');
    expect(build.runs).toContain('npm run build');
    expect(run.runs.find((r) => r.startsWith('npm ci'))).toMatch(/^npm ci --omit=dev --ignore-scripts\b/);
    expect(run.copies).toEqual([
      { sources: ['package.json', 'package-lock.json'], dest: '/app' },
      { sources: ['bin/'], dest: '/app/bin' },
      { from: 'build', sources: ['/app/dist/'], dest: '/app/dist' },
    ]);
  });

  it('runs as an unprivileged user, with its data on a volume, stopping on SIGTERM', () => {
    expect(run.user).toBe('node');
    expect(run.env.VIGIE_DATA_DIR).toBe('/data');
    expect(run.volumes).toEqual(['/data']);
    expect(run.runs.some((r) => r.includes('chown node:node /data'))).toBe(true);
    expect(run.stopSignal).toBe('SIGTERM');
    expect(run.cmd).toEqual(['node', 'bin/vigie.js', 'start']);
    expect(run.healthcheck.cmd[0]).toBe('node');
    expect(run.healthcheck.cmd.join(' ')).toContain('/readyz');
    expect(Object.keys(run.healthcheck.flags).sort()).toEqual(['interval', 'retries', 'start-period', 'timeout']);
  });

  it('needs no install script of a production dependency (the run stage installs with --ignore-scripts)', () => {
    const lock = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean; hasInstallScript?: boolean }>;
    };
    const production = Object.entries(lock.packages).filter(([name, p]) => name !== '' && p.dev !== true);
    expect(production.length).toBeGreaterThan(10);
    expect(production.filter(([, p]) => p.hasInstallScript).map(([name]) => name)).toEqual([]);
  });
});

/**
 * There is no Docker engine here, so the run stage is laid out by hand as its instructions say — its COPY lines
 * (from the build context, and dist/ from the build stage, which is the repository's own build), its `npm ci
 * --omit=dev` (links to the production dependencies only), its data folder owned by the user — and its CMD and
 * HEALTHCHECK run exactly as written, as that user when the tests run as root. Two things differ from a container,
 * and only these: the volume /data is a temporary folder, and PORT is a free port (a container has its own network).
 */
describe('the run stage, started as the image would start it', () => {
  let root: string;
  let app: string;
  let data: string;
  let port: number;
  const asUser = process.getuid?.() === 0 ? NODE_USER : undefined;
  const runAs = asUser?.uid ?? process.getuid?.();

  /** The container's environment: the image's ENV, the volume and port mapped as above, nothing else of ours. */
  const containerEnv = (extra: Record<string, string> = {}): Record<string, string> => ({
    ...run.env,
    PATH: process.env.PATH ?? '',
    HOME: path.join(root, 'home'),
    VIGIE_DATA_DIR: data,
    PORT: String(port),
    ...extra,
  });

  /** `docker run` of `command` (the CMD or the HEALTHCHECK): `node` is the image's node, here the one running us. */
  const exec = (command: string[], env: Record<string, string>) => {
    const [program, ...args] = command;
    return { program: program === 'node' ? process.execPath : program!, args, options: { cwd: app, env, ...(asUser ?? {}) } };
  };

  const healthcheck = (env: Record<string, string>): number | null => {
    const { program, args, options } = exec(run.healthcheck.cmd, env);
    const result = spawnSync(program, args, { ...options, encoding: 'utf8', timeout: 15_000 });
    return result.status;
  };

  const startBot = (env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } => {
    const { program, args, options } = exec(run.cmd, env);
    // No `-i`: a container's stdin is empty, and the bot must keep running after it ends.
    const child = spawn(program, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    return { child, output: () => output, exited: new Promise((resolve) => child.once('exit', resolve)) };
  };

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'vigie-image-'));
    chmodSync(root, 0o755);
    app = path.join(root, 'app');
    data = path.join(root, 'data');
    for (const step of run.copies) {
      for (const source of step.sources) {
        // The build stage builds in its WORKDIR from a copy of the repository: its /app is the repository here.
        const from = step.from === 'build' ? path.join(REPO_ROOT, path.posix.relative(build.workdir, source)) : path.join(REPO_ROOT, source);
        const to = path.join(app, path.posix.relative(run.workdir, step.dest), source.endsWith('/') ? '' : path.basename(source));
        cpSync(from, to, { recursive: true });
      }
    }
    expect(linkProductionModules(app).length).toBeGreaterThan(10);
    for (const dir of [data, path.join(root, 'home')]) {
      mkdirSync(dir);
      if (asUser) chownSync(dir, asUser.uid, asUser.gid);
    }
    port = await freePort();
  }, 60_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('holds only what the run stage copies: no sources, no tests, no dev dependency', () => {
    expect(readFileSync(path.join(app, 'dist/cli/main.js'), 'utf8')).toContain('export async function main');
    expect(() => readFileSync(path.join(app, 'src/cli/main.ts'))).toThrow();
    expect(() => readFileSync(path.join(app, 'node_modules/typescript/package.json'))).toThrow();
    expect(() => readFileSync(path.join(app, 'node_modules/vitest/package.json'))).toThrow();
  });

  it('its HEALTHCHECK fails when nothing listens, and when /readyz answers 503', async () => {
    expect(healthcheck(containerEnv())).toBe(1);
    const notReady: Server = createServer((req, res) => {
      res.writeHead(req.url === '/readyz' ? 503 : 200, { 'content-type': 'application/json' }).end('{"status":"not ready"}');
    });
    await new Promise<void>((resolve) => notReady.listen(port, '127.0.0.1', resolve));
    try {
      expect(healthcheck(containerEnv())).toBe(1);
    } finally {
      await new Promise<void>((resolve) => notReady.close(() => resolve()));
    }
  });

  it('its CMD starts the bot as the unprivileged user, its HEALTHCHECK passes once ready, and its STOPSIGNAL stops it cleanly', async () => {
    const bot = startBot(containerEnv());
    try {
      await until(() => healthcheck(containerEnv()) === 0, 30_000, `the HEALTHCHECK to pass\n${bot.output()}`, 250);
      await until(() => bot.output().includes('Vigie is running in local mode'), 10_000, 'the start-up line');
      // As root, the bot runs as the image's `node` user; otherwise as the unprivileged user running the tests.
      expect(readFileSync(`/proc/${bot.child.pid}/status`, 'utf8')).toMatch(new RegExp(`^Uid:\\s+${runAs}\\s`, 'm'));
      expect(runAs).not.toBe(0);
      bot.child.kill(run.stopSignal as NodeJS.Signals);
      expect(await bot.exited).toBe(0);
      // The store is saved on the way out, by the unprivileged user, into the volume it owns.
      expect(readFileSync(path.join(data, 'vigie.json'), 'utf8')).toContain('"schemaVersion"');
      expect(statSync(path.join(data, 'vigie.json')).uid).toBe(runAs);
      expect(healthcheck(containerEnv())).toBe(1);
    } finally {
      if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
    }
  }, 60_000);

  it.skipIf(!POSTGRES_PRESENT)(
    'with a DATABASE_URL, as compose.yaml runs it, migrates the database and passes its HEALTHCHECK',
    async () => {
      const schema = testSchemaName('vigie_image');
      const queue = testSchemaName('vigie_image_boss');
      const bot = startBot(containerEnv({ DATABASE_URL: TEST_DATABASE_URL, VIGIE_DB_SCHEMA: schema, VIGIE_QUEUE_SCHEMA: queue }));
      try {
        await until(() => healthcheck(containerEnv()) === 0, 45_000, `the HEALTHCHECK to pass\n${bot.output()}`, 250);
        await until(() => bot.output().includes('Vigie is running in local mode'), 10_000, 'the start-up line');
        expect(bot.output()).toContain('database migrated');
        bot.child.kill(run.stopSignal as NodeJS.Signals);
        expect(await bot.exited).toBe(0);
      } finally {
        if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
        await dropSchemas(schema, queue);
      }
    },
    90_000,
  );
});
