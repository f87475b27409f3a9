/** The built preload in a context that offers only what a sandboxed Electron preload has. */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventChannel } from '$contract/events';
import { callNames, channelOf } from '$contract/ipc';
import { runSandboxedPreload } from '../support/sandboxed-preload';

const bundle = resolve(import.meta.dirname, '../../out/preload/index.cjs');

describe('the built preload, sandboxed', () => {
  const built = existsSync(bundle);
  const run = built ? runSandboxedPreload(readFileSync(bundle, 'utf8')) : null;

  it('loads with nothing but electron, and reads no environment', () => {
    expect(built, 'out/preload/index.cjs is missing: run `npm run build` first (npm test does)').toBe(true);
    expect(run?.required).toEqual(['electron']);
    expect(run?.envRead).toEqual([]);
  });

  it('exposes exactly tokenDesk: one function per contract call, plus onEvent', () => {
    expect([...(run?.exposed.keys() ?? [])]).toEqual(['tokenDesk']);
    const api = run?.exposed.get('tokenDesk') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...callNames, 'onEvent'].sort());
    expect(Object.values(api).every((f) => typeof f === 'function')).toBe(true);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('sends each call on its own channel with its one argument', async () => {
    const api = run?.exposed.get('tokenDesk') as Record<string, (args?: unknown) => Promise<unknown>>;
    for (const name of callNames)
      await expect(api[name]?.({ probe: name })).resolves.toEqual({ ok: true, value: channelOf(name) });
    expect(run?.invoked).toEqual(callNames.map((name) => [channelOf(name), { probe: name }]));
  });

  it('hands the page only the payload of main’s notifications, and stops when asked', () => {
    const api = run?.exposed.get('tokenDesk') as { onEvent: (listener: (...args: unknown[]) => void) => () => void };
    const heard: unknown[][] = [];
    const stop = api.onEvent((...args) => heard.push(args));
    expect(run?.listening()).toEqual([eventChannel]);
    run?.emit(eventChannel, { kind: 'vault-locked' });
    stop();
    run?.emit(eventChannel, { kind: 'vault-locked' });
    expect(heard).toEqual([[{ kind: 'vault-locked' }]]);
    expect(run?.listening()).toEqual([]);
  });
});

describe('the sandbox stand-in', () => {
  it('refuses what a sandboxed preload cannot have (a planted require of fs, an env read)', () => {
    expect(() => runSandboxedPreload("const fs = require('fs');")).toThrow(
      /a sandboxed preload can require only electron, events, timers, url/,
    );
    const run = runSandboxedPreload(
      "require('electron').contextBridge.exposeInMainWorld('leak', process.env.HOME); " +
        "require('electron').contextBridge.exposeInMainWorld('tokenDesk', {});",
    );
    expect(run.envRead).toEqual(['HOME']);
    expect([...run.exposed.keys()]).toEqual(['leak', 'tokenDesk']);
  });
});
