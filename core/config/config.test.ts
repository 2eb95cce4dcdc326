import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.ts';

describe('parseConfig', () => {
  it('applies embedded defaults', () => {
    const config = parseConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/data$/);
    expect(config.cookieSecure).toBe(true);
  });

  it('reads overrides and treats empty strings as unset', () => {
    const config = parseConfig({ IPWATCH_PORT: '8080', DATABASE_URL: '', REDIS_URL: 'redis://127.0.0.1:6380', IPWATCH_COOKIE_SECURE: 'false' });
    expect(config.port).toBe(8080);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBe('redis://127.0.0.1:6380');
    expect(config.cookieSecure).toBe(false);
  });

  it('rejects bad values with every problem named', () => {
    try {
      parseConfig({ IPWATCH_PORT: 'eighty', DATABASE_URL: 'mysql://x/y', IPWATCH_COOKIE_SECURE: 'maybe' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).toContain('IPWATCH_PORT');
      expect(message).toContain('DATABASE_URL');
      expect(message).toContain('IPWATCH_COOKIE_SECURE');
    }
  });
});
