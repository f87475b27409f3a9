import { describe, expect, it } from 'vitest';
import { TokenDeskError, fromBridgeError, toBridgeError } from '../../contract/errors';
import { callNames, channelOf } from '../../contract/ipc';
import { buildTokenDeskApi } from '../../preload/api';

describe('the preload bridge', () => {
  it('exposes exactly one function per contract call and nothing generic', () => {
    const api = buildTokenDeskApi(async () => ({ ok: true, value: null }));
    expect(Object.keys(api).sort()).toEqual([...callNames].sort());
    expect(Object.isFrozen(api)).toBe(true);
    expect(api).not.toHaveProperty('invoke');
  });

  it('sends each call on its own channel with its one argument', async () => {
    const sent: [string, unknown][] = [];
    const api = buildTokenDeskApi(async (channel, args) => {
      sent.push([channel, args]);
      return { ok: true, value: { theme: 'light', readOnly: false } };
    });
    await expect(api.setTheme({ theme: 'light' })).resolves.toEqual({ theme: 'light', readOnly: false });
    expect(sent).toEqual([[channelOf('setTheme'), { theme: 'light' }]]);
  });

  it('throws an error envelope back as a TokenDeskError with its code', async () => {
    const api = buildTokenDeskApi(async () => ({ ok: false, error: { code: 'VALIDATION', message: 'theme: bad' } }));
    const thrown = await api.setTheme({ theme: 'light' }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(TokenDeskError);
    expect((thrown as TokenDeskError).code).toBe('VALIDATION');
  });

  it('keeps the code and message when the bridge strips the error down to its message', () => {
    const crossed = new Error(toBridgeError({ code: 'SECRET_STORE_UNAVAILABLE', message: 'No keyring was found.' }).message);
    const rebuilt = fromBridgeError(crossed);
    expect(rebuilt.code).toBe('SECRET_STORE_UNAVAILABLE');
    expect(rebuilt.message).toBe('No keyring was found.');
  });

  it('treats a foreign error as INTERNAL', () => {
    expect(fromBridgeError(new TypeError('x is undefined')).code).toBe('INTERNAL');
    expect(fromBridgeError('boom').code).toBe('INTERNAL');
  });
});
