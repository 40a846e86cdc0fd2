import { describe, expect, it } from 'vitest';
import { ConfigError, loadAppTokenConfig, loadConfig } from '../../config.ts';

const base = { CHATWOOT_BASE_URL: 'https://chat.example.com/', CHATWOOT_BOT_TOKEN: 'bot' };

describe('dashboard configuration', () => {
  it('when no dashboard origin is set, then it is the origin of CHATWOOT_BASE_URL and the dashboard is off', () => {
    expect(loadConfig({ ...base, CHATWOOT_BASE_URL: 'https://chat.example.com/sub/' }).dashboard).toEqual({
      appSecret: undefined,
      chatwootOrigin: 'https://chat.example.com',
    });
  });

  it('when Chatwoot is reached internally but framed from its public URL, then CHATWOOT_DASHBOARD_ORIGIN wins', () => {
    const c = loadConfig({ ...base, CHATWOOT_BASE_URL: 'http://chatwoot:3000', CHATWOOT_DASHBOARD_ORIGIN: 'https://chat.example.com' });
    expect(c.dashboard.chatwootOrigin).toBe('https://chat.example.com');
  });

  it('when APP_SECRET is too short, then the bot refuses to start and says how to make one', () => {
    expect(() => loadConfig({ ...base, APP_SECRET: 'short' })).toThrow(/APP_SECRET must be at least 32 characters/);
  });

  it('when app-token runs without APP_SECRET, then it names the variable; with it, the URL base defaults to localhost', () => {
    expect(() => loadAppTokenConfig({})).toThrow(ConfigError);
    expect(() => loadAppTokenConfig({})).toThrow(/APP_SECRET/);
    expect(loadAppTokenConfig({ APP_SECRET: 'x'.repeat(32), PORT: '8080' })).toEqual({
      appSecret: 'x'.repeat(32),
      publicUrl: 'http://localhost:8080',
      publicUrlIsDefault: true,
    });
  });
});
