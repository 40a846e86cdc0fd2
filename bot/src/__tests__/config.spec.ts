import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';

describe('config', () => {
  it('when nothing is set, then the error names the missing URL and token', () => {
    expect(() => loadConfig({})).toThrow(ConfigError);
    try {
      loadConfig({});
    } catch (err) {
      expect(String(err)).toContain('CHATWOOT_BASE_URL');
      expect(String(err)).toContain('CHATWOOT_BOT_TOKEN');
    }
  });

  it('when per-account tokens are given, then each account gets its own', () => {
    const c = loadConfig({ CHATWOOT_BASE_URL: 'https://chat.example.com/', CHATWOOT_BOT_TOKENS: '1:aaa, 2:bbb' });
    expect(c.chatwoot.tokens.get(2)).toBe('bbb');
    expect(c.chatwoot.baseUrl).toBe('https://chat.example.com');
  });

  it('when a user token is set, then the Chatwoot config carries it; unset, it stays off', () => {
    const base = { CHATWOOT_BASE_URL: 'https://chat.example.com', CHATWOOT_BOT_TOKEN: 'bot' };
    expect(loadConfig({ ...base, CHATWOOT_USER_TOKEN: 'user-tok' }).chatwoot.userToken).toBe('user-tok');
    expect(loadConfig(base).chatwoot.userToken).toBeUndefined();
    expect(() => loadConfig({ ...base, CHATWOOT_USER_TOKEN: '' })).toThrow(/CHATWOOT_USER_TOKEN/);
  });

  it('when the token list is malformed, then the error says the expected form', () => {
    expect(() => loadConfig({ CHATWOOT_BASE_URL: 'https://x.example', CHATWOOT_BOT_TOKENS: 'oops' })).toThrow(
      /<account id>:<token>/,
    );
  });
  it('when precedent files are listed, then the config carries their paths; unset, there are none', () => {
    const base = { CHATWOOT_BASE_URL: 'https://chat.example.com', CHATWOOT_BOT_TOKEN: 'bot' };
    expect(loadConfig({ ...base, PRECEDENTS: 'a.jsonl, b/c.jsonl,' }).precedentFiles).toEqual(['a.jsonl', 'b/c.jsonl']);
    expect(loadConfig(base).precedentFiles).toEqual([]);
  });

  it('when the precedents recheck is set, then it is carried in ms; zero or a word is refused naming the setting', () => {
    const base = { CHATWOOT_BASE_URL: 'https://chat.example.com', CHATWOOT_BOT_TOKEN: 'bot' };
    expect(loadConfig(base).precedentsRecheckMs).toBe(30_000);
    expect(loadConfig({ ...base, PRECEDENTS_RECHECK_SECONDS: '0.5' }).precedentsRecheckMs).toBe(500);
    expect(() => loadConfig({ ...base, PRECEDENTS_RECHECK_SECONDS: '0' })).toThrow(/PRECEDENTS_RECHECK_SECONDS/);
    expect(() => loadConfig({ ...base, PRECEDENTS_RECHECK_SECONDS: 'often' })).toThrow(/PRECEDENTS_RECHECK_SECONDS/);
  });
});
