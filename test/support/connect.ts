/** A test core with one connection saved through the real dispatch, as the connection form saves it. */
import type { ConnectionDraft } from '$contract/connections';
import { bridgeTo, type Bridge } from './invoke';
import { createTestCore, type TestCore } from './test-core';

export interface Connected {
  core: TestCore;
  bridge: Bridge;
  connectionId: string;
}

/** A connection as the form saves it: the token remembered, no org, no label, the system's CAs. */
export const connectionDraft = (name: string, url: string, token: string, timeoutMs = 5000): ConnectionDraft => ({
  name,
  url,
  token,
  rememberToken: true,
  org: null,
  environment: { label: '', colour: 'grey' },
  timeoutMs,
  tls: { caFile: null, skipVerify: false },
});

export async function connectCore(
  url: string,
  token: string,
  options: { name?: string; timeoutMs?: number; check?: boolean; toolEnv?: NodeJS.ProcessEnv } = {},
): Promise<Connected> {
  const core = createTestCore({
    allowedOrigins: ['app://token-desk'],
    ...(options.toolEnv ? { toolEnv: options.toolEnv } : {}),
  });
  const bridge = bridgeTo(core);
  const draft = connectionDraft(options.name ?? 'test', url, token, options.timeoutMs);
  const { id: connectionId } = await bridge.invoke('saveConnection', draft);
  if (options.check) await bridge.invoke('checkConnection', { id: connectionId });
  return { core, bridge, connectionId };
}
