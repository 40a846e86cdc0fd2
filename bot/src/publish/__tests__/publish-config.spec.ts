import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadPublishConfig } from '../../config.ts';
import { ADMIN_TOKEN_MISSING, adminTokenProblem } from '../publish-sops.ts';

describe('publish configuration', () => {
  it('when only Chatwoot and an admin token are set, then publish-sops needs no bot token and logs warnings only', () => {
    const c = loadPublishConfig({ CHATWOOT_BASE_URL: 'https://chat.example.com/', CHATWOOT_ADMIN_TOKEN: 'adm' });
    expect(c).toMatchObject({ logLevel: 'warn', vaultDir: './data/vault', chatwoot: { baseUrl: 'https://chat.example.com', timeoutMs: 3000 } });
    expect(c.publish).toMatchObject({ adminToken: 'adm', helpCenterUrl: 'https://chat.example.com', authorId: undefined, apiToken: undefined });
    expect(adminTokenProblem(c.publish)).toBeUndefined();
  });

  it('when per-account admin tokens, an author and a help center URL are set, then each is used', () => {
    const c = loadPublishConfig({
      CHATWOOT_BASE_URL: 'https://chat.example.com',
      CHATWOOT_ADMIN_TOKENS: '1:a, 2:b',
      CHATWOOT_HELP_CENTER_AUTHOR_ID: '7',
      CHATWOOT_HELP_CENTER_URL: 'https://help.example.com/',
    });
    expect(c.publish.adminTokens.get(2)).toBe('b');
    expect(c.publish).toMatchObject({ authorId: 7, helpCenterUrl: 'https://help.example.com' });
  });

  it('when no admin token is set, then the problem names CHATWOOT_ADMIN_TOKEN and says it must be an administrator', () => {
    const c = loadPublishConfig({ CHATWOOT_BASE_URL: 'https://chat.example.com' });
    expect(adminTokenProblem(c.publish)).toBe(ADMIN_TOKEN_MISSING);
    expect(ADMIN_TOKEN_MISSING).toMatch(/CHATWOOT_ADMIN_TOKEN.*administrator/);
  });

  it('when the author id or the admin API token is malformed, then the error names the variable', () => {
    expect(() => loadPublishConfig({ CHATWOOT_BASE_URL: 'https://x.example', CHATWOOT_HELP_CENTER_AUTHOR_ID: 'alex' })).toThrow(/CHATWOOT_HELP_CENTER_AUTHOR_ID/);
    expect(() => loadConfig({ CHATWOOT_BASE_URL: 'https://x.example', CHATWOOT_BOT_TOKEN: 't', ADMIN_API_TOKEN: 'short' })).toThrow(ConfigError);
  });

  it('when the bot loads its config, then the publish section carries the endpoint secret', () => {
    const c = loadConfig({ CHATWOOT_BASE_URL: 'https://x.example', CHATWOOT_BOT_TOKEN: 't', ADMIN_API_TOKEN: 'a-long-enough-secret' });
    expect(c.publish).toMatchObject({ apiToken: 'a-long-enough-secret', helpCenterUrl: 'https://x.example' });
  });
});
