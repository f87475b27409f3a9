import { describe, expect, it } from 'vitest';
import { demoConnectionDraft } from '../../main/profiles/demo-connection';
import { createTestCore } from '../support/test-core';
import { startEmulator } from '../emulator/index';

describe('the demo connection', () => {
  it('is absent unless asked for', () => {
    expect(demoConnectionDraft(undefined)).toBeNull();
  });

  it('refuses anything but name, url and token', () => {
    expect(() => demoConnectionDraft(JSON.stringify({ name: 'x', url: 'http://h', token: 't', admin: true }))).toThrow(
      /name, url and token/,
    );
  });

  it('becomes a session-only connection that works against the demo emulator', async () => {
    const influx = await startEmulator({ seed: 'demo' });
    try {
      const core = createTestCore({ allowedOrigins: ['app://token-desk'] });
      const draft = demoConnectionDraft(JSON.stringify({ name: 'Demo', url: influx.url, token: influx.operatorToken }));
      const saved = await core.profiles.save(draft!);
      expect(saved.token).toBe('session');
      expect(saved.selected).toBe(true);
      const answer = await core.dispatch('token-desk:checkConnection', 'app://token-desk/index.html', { id: saved.id });
      expect(answer).toMatchObject({ ok: true, value: { product: 'oss', user: { name: 'admin' } } });
    } finally {
      await influx.close();
    }
  });
});
