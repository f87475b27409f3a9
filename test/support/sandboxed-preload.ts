/**
 * Runs a built preload the way Electron runs a sandboxed one: a fresh context whose `require`
 * knows only what the sandbox offers (`electron` — here a stand-in contextBridge and ipcRenderer —
 * and events, timers, url), a `process` without environment, and nothing of Node besides.
 */
import { createContext, runInContext } from 'node:vm';
import { EventEmitter } from 'node:events';

/** The modules a sandboxed preload may require (Electron's docs: "Process Sandboxing"). */
export const sandboxModules = ['electron', 'events', 'timers', 'url'] as const;

export interface SandboxRun {
  /** What the preload put into the page's world, by key. */
  exposed: Map<string, unknown>;
  /** Every module it asked for. */
  required: string[];
  /** Every invoke: channel and argument. */
  invoked: [string, unknown][];
  /** Channels it listens on, and a way to send on them as main would. */
  listening: () => string[];
  emit: (channel: string, payload: unknown) => void;
  /** Environment variables it tried to read. */
  envRead: string[];
}

export function runSandboxedPreload(code: string): SandboxRun {
  const run: SandboxRun = {
    exposed: new Map(),
    required: [],
    invoked: [],
    listening: () => renderer.eventNames().map(String),
    emit: (c, p) => renderer.emit(c, { sender: 'event object' }, p),
    envRead: [],
  };
  const renderer = new EventEmitter();
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => {
        if (run.exposed.has(key)) throw new Error(`exposeInMainWorld: ${key} exposed twice`);
        run.exposed.set(key, api);
      },
    },
    ipcRenderer: {
      invoke: async (channel: string, args: unknown) => {
        run.invoked.push([channel, args]);
        return { ok: true, value: channel };
      },
      on: (channel: string, listener: (...args: unknown[]) => void) => renderer.on(channel, listener),
      removeListener: (channel: string, listener: (...args: unknown[]) => void) =>
        renderer.removeListener(channel, listener),
    },
  };
  const sandboxRequire = (name: string) => {
    run.required.push(name);
    if (name === 'electron') return electron;
    if ((sandboxModules as readonly string[]).includes(name)) return {};
    throw new Error(`Cannot find module '${name}': a sandboxed preload can require only ${sandboxModules.join(', ')}`);
  };
  const env = new Proxy({}, { get: (_t, key) => void run.envRead.push(String(key)) });
  const module = { exports: {} };
  const context = createContext({
    require: sandboxRequire,
    module,
    exports: module.exports,
    process: { env, platform: 'linux', type: 'renderer', versions: {} },
    Buffer,
    setImmediate,
    clearImmediate,
    setTimeout,
    clearTimeout,
    console,
  });
  runInContext(code, context, { filename: 'preload/index.cjs' });
  return run;
}
