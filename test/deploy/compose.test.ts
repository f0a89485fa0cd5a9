import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { REPO_ROOT } from '../support/process.js';
import { imageOf, readStages } from './dockerfile-model.js';

interface Service {
  build?: string | { context: string };
  image?: string;
  env_file?: string | string[];
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[]; interval?: string };
  ports?: string[];
}

const compose = parse(readFileSync(path.join(REPO_ROOT, 'compose.yaml'), 'utf8')) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};

/** Compose's own interpolation of `${NAME:-default}`, with nothing set: what a first `docker compose up` gets. */
function interpolate(value: string, env: Record<string, string> = {}): string {
  return value.replace(/\$\{(\w+)(?::-([^}]*))?\}/g, (_m, name: string, fallback = '') => env[name] ?? fallback);
}

describe('compose.yaml', () => {
  const { vigie, postgres } = compose.services;

  it('runs Vigie and PostgreSQL 16, and nothing else', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['postgres', 'vigie']);
    expect(vigie?.build).toBe('.');
    expect(postgres?.image).toMatch(/^postgres:16(\b|-)/);
  });

  it('checks PostgreSQL with pg_isready, for its own user and database, and starts Vigie only once it is healthy', () => {
    expect(postgres?.healthcheck?.test.slice(0, 2)).toEqual(['CMD', 'pg_isready']);
    const test = postgres?.healthcheck?.test ?? [];
    expect(test[test.indexOf('-U') + 1]).toBe(postgres?.environment?.POSTGRES_USER);
    expect(test[test.indexOf('-d') + 1]).toBe(postgres?.environment?.POSTGRES_DB);
    expect(vigie?.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
  });

  it('gives Vigie a DATABASE_URL that names the postgres service and its credentials, and a setting Vigie accepts', () => {
    const env = postgres?.environment ?? {};
    const url = new URL(interpolate(vigie?.environment?.DATABASE_URL ?? ''));
    expect(url.hostname).toBe('postgres');
    expect(url.username).toBe(env.POSTGRES_USER);
    expect(decodeURIComponent(url.password)).toBe(interpolate(env.POSTGRES_PASSWORD ?? ''));
    expect(url.pathname).toBe(`/${env.POSTGRES_DB}`);
    // A password set in .env reaches both services alike.
    expect(new URL(interpolate(vigie?.environment?.DATABASE_URL ?? '', { POSTGRES_PASSWORD: 's3cret' })).password).toBe(
      interpolate(env.POSTGRES_PASSWORD ?? '', { POSTGRES_PASSWORD: 's3cret' }),
    );
    const config = loadConfig(Object.fromEntries(Object.entries(vigie?.environment ?? {}).map(([k, v]) => [k, interpolate(v)])));
    expect(config.DATABASE_URL).toBe(url.toString().replace(/\/$/, ''));
  });

  it('reads .env, but keeps the data folder on the image’s volume whatever .env says', () => {
    expect(vigie?.env_file).toBe('.env');
    // .env.example sets VIGIE_DATA_DIR=./data; `environment` wins over `env_file`, so the volume is used.
    expect(readFileSync(path.join(REPO_ROOT, '.env.example'), 'utf8')).toMatch(/^VIGIE_DATA_DIR=/m);
    const image = imageOf(readStages().at(-1)!);
    expect(vigie?.environment?.VIGIE_DATA_DIR).toBe(image.env.VIGIE_DATA_DIR);
    expect(vigie?.volumes).toEqual([`vigie-data:${image.volumes[0]}`]);
    expect(vigie?.ports).toEqual([`127.0.0.1:${image.env.PORT}:${image.env.PORT}`]);
  });

  it('keeps both services’ data on named volumes', () => {
    expect(Object.keys(compose.volumes).sort()).toEqual(['postgres-data', 'vigie-data']);
    expect(postgres?.volumes).toEqual(['postgres-data:/var/lib/postgresql/data']);
  });

  it('keeps secrets and local data out of the image’s build context', () => {
    const ignored = readFileSync(path.join(REPO_ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    expect(ignored.length).toBeGreaterThan(0);
    for (const pattern of ['.env', '.env.*', 'data/', 'node_modules/', 'dist/', '.git/']) expect(ignored).toContain(pattern);
  });
});
