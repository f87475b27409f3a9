import { describe, expect, it } from 'vitest';
import { channelOf } from '$contract/ipc';
import { createDispatch, type Handlers } from '../../main/ipc/dispatch';
import { createLogger } from '../../main/log/logger';
import { createSenderPolicy } from '../../main/security/sender-policy';
import { createTestCore } from '../support/test-core';

const APP = 'app://token-desk/index.html';

describe('IPC dispatch', () => {
  const core = () => createTestCore({ allowedOrigins: ['app://token-desk'] });

  it('refuses arguments that throw when read as VALIDATION, never INTERNAL', async () => {
    const hostile = Object.defineProperty({}, 'connectionId', {
      enumerable: true,
      get() {
        throw new Error('no');
      },
    });
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    for (const args of [hostile, revoked.proxy]) {
      const answer = await core().dispatch(channelOf('createV3FirstAdmin'), APP, args);
      expect(answer).toEqual({
        ok: false,
        error: { code: 'VALIDATION', message: 'Invalid arguments for createV3FirstAdmin: they could not be read.' },
      });
    }
  });

  it('answers a valid call from the app page with a value', async () => {
    const answer = await core().dispatch(channelOf('setTheme'), APP, { theme: 'dark' });
    expect(answer).toEqual({
      ok: true,
      value: {
        theme: 'dark',
        clipboardClearSeconds: 30,
        autoLockMinutes: 15,
        reminders: true,
        newReviewPolicy: { writeDays: 90, otherDays: null },
        readOnly: false,
        repairs: { notes: [], copy: null },
      },
    });
  });

  it('refuses a bad argument with a typed validation error that names the field', async () => {
    const answer = await core().dispatch(channelOf('setTheme'), APP, { theme: 'purple' });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('VALIDATION');
    expect(answer.error.message).toMatch(/^Invalid arguments for setTheme: theme: /);
  });

  it('refuses extra fields and arguments where none are expected', async () => {
    const test = core();
    const extra = await test.dispatch(channelOf('setTheme'), APP, { theme: 'dark', admin: true });
    const unexpected = await test.dispatch(channelOf('getSystemInfo'), APP, { anything: 1 });
    expect(extra).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(unexpected).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(test.settings.get().theme).toBe('system');
  });

  it.each([
    ['another custom-protocol host', 'app://evil/index.html'],
    ['a web page', 'https://example.com/'],
    ['a local file', 'file:///tmp/index.html'],
    ['no frame at all', undefined],
    ['a malformed URL', 'not a url'],
  ])('refuses a call from %s and logs the refusal', async (_label, url) => {
    const test = core();
    const answer = await test.dispatch(channelOf('setTheme'), url, { theme: 'dark' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(test.settings.get().theme).toBe('system');
    expect(test.logs.some((line) => line.includes('ipc.refused-sender'))).toBe(true);
  });

  it('answers an unknown channel with UNKNOWN_CALL', async () => {
    const answer = await core().dispatch('token-desk:eval', APP, undefined);
    expect(answer).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
  });

  it('turns an unexpected failure into a plain INTERNAL error with no stack or inner message', async () => {
    const logs: string[] = [];
    const failing = {
      getSystemInfo: async () => {
        throw new Error('ENOENT /home/alice/.secret at Object.<anonymous> (main.js:1:1)');
      },
    } as unknown as Handlers;
    const dispatch = createDispatch(
      failing,
      createSenderPolicy(['app://token-desk']),
      createLogger((l) => logs.push(l)),
    );
    const answer = await dispatch(channelOf('getSystemInfo'), APP, undefined);
    expect(answer).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const text = JSON.stringify(answer) + logs.join('\n');
    expect(text).not.toContain('ENOENT');
    expect(text).not.toContain('main.js');
  });
});
