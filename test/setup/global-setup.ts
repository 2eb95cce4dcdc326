import type { TestProject } from 'vitest/node';
import { canConnect } from '../../core/services/free-port.ts';
import { startRedisServer } from '../../core/services/redis-process.ts';
import { startPostgresServer } from '../helpers/postgres-process.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
    /** Admin URL of a PostgreSQL server, '' when none could be had (then only PGlite runs). */
    postgresUrl: string;
  }
}

/**
 * Uses DATABASE_URL / REDIS_URL when set; otherwise the machine's own servers when reachable, and
 * otherwise starts private ones, so the suite runs on a fresh machine with no service running.
 */
export default async function setup(project: TestProject) {
  const stops: (() => Promise<void>)[] = [];

  let redisUrl = process.env.REDIS_URL ?? '';
  if (!redisUrl) {
    const redis = await startRedisServer();
    stops.push(redis.stop);
    redisUrl = redis.url;
  }

  let postgresUrl = process.env.DATABASE_URL ?? '';
  if (!postgresUrl && (await canConnect('127.0.0.1', 5432))) postgresUrl = 'postgres://postgres@127.0.0.1:5432/test';
  if (!postgresUrl) {
    const pgServer = await startPostgresServer();
    if (pgServer) {
      stops.push(pgServer.stop);
      postgresUrl = pgServer.url;
    }
  }
  if (!postgresUrl) console.warn('[ipwatch tests] no PostgreSQL server: database tests run on PGlite only');

  project.provide('redisUrl', redisUrl);
  project.provide('postgresUrl', postgresUrl);

  return async () => {
    for (const stop of stops.reverse()) await stop();
  };
}
