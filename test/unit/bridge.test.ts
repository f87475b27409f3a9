import { describe, expect, it } from 'vitest';
import { TokenDeskError, isCode } from '$contract/errors';
import { callNames, channelOf } from '$contract/ipc';
import { buildTokenDeskApi, type Subscribe } from '../../preload/api';
import type { MainEvent } from '$contract/events';

const noEvents: Subscribe = () => () => undefined;
import { createClient, unwrap } from '../../renderer/src/lib/api-client';

describe('the preload bridge', () => {
  it('exposes exactly one function per contract call and nothing generic', () => {
    const api = buildTokenDeskApi(async () => ({ ok: true, value: null }), noEvents);
    expect(Object.keys(api).sort()).toEqual([...callNames, 'onEvent'].sort());
    expect(Object.isFrozen(api)).toBe(true);
    expect(api).not.toHaveProperty('invoke');
  });

  it('sends each call on its own channel with its one argument and answers the envelope as it came', async () => {
    const sent: [string, unknown][] = [];
    const api = buildTokenDeskApi(async (channel, args) => {
      sent.push([channel, args]);
      return { ok: true, value: { theme: 'light', readOnly: false } };
    }, noEvents);
    await expect(api.setTheme({ theme: 'light' })).resolves.toEqual({
      ok: true,
      value: { theme: 'light', readOnly: false },
    });
    expect(sent).toEqual([[channelOf('setTheme'), { theme: 'light' }]]);
  });
});

describe("the renderer's client", () => {
  it('turns an error envelope into a TokenDeskError with its code, message and details', async () => {
    const client = createClient(
      buildTokenDeskApi(
        async () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'gone', details: { status: 404 } } }),
        noEvents,
      ),
    );
    const thrown = await client.setTheme({ theme: 'light' }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(TokenDeskError);
    expect(isCode(thrown, 'NOT_FOUND')).toBe(true);
    expect(isCode(thrown, 'VALIDATION', 'INTERNAL')).toBe(false);
    expect(thrown).toMatchObject({ message: 'gone', details: { status: 404 } });
  });

  it('answers the value of a good envelope', async () => {
    const client = createClient(
      buildTokenDeskApi(async () => ({ ok: true, value: { theme: 'dark', readOnly: false } }), noEvents),
    );
    await expect(client.getSettings()).resolves.toEqual({ theme: 'dark', readOnly: false });
  });

  it('treats a broken bridge or a foreign answer as INTERNAL, never as success', async () => {
    const rejecting = createClient(
      buildTokenDeskApi(() => Promise.reject(new Error('An object could not be cloned.')), noEvents),
    );
    const thrown = await rejecting.getSettings().catch((e: unknown) => e);
    expect(isCode(thrown, 'INTERNAL')).toBe(true);
    expect(() => unwrap({ ok: false, error: { code: 'BOGUS', message: 'x' } } as never)).toThrow(TokenDeskError);
    expect(() => unwrap(undefined)).toThrow(/does not understand/);
    expect(isCode(new Error('plain'), 'INTERNAL')).toBe(false);
  });

  it("hands main's notifications to the listener until it stops listening", () => {
    const listeners = new Set<(event: MainEvent) => void>();
    const client = createClient(
      buildTokenDeskApi(
        async () => ({ ok: true, value: null }),
        (listener) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
      ),
    );
    const heard: MainEvent[] = [];
    const stop = client.onEvent((event) => heard.push(event));
    listeners.forEach((l) => l({ kind: 'vault-locked' }));
    stop();
    listeners.forEach((l) => l({ kind: 'vault-locked' }));
    expect(heard).toEqual([{ kind: 'vault-locked' }]);
  });
});
