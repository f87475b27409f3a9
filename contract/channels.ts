/**
 * The names of the contract's calls and their IPC channels: plain data, no zod, so the preload and
 * the page can build and check the bridge without loading the argument schemas (ipc.ts).
 * ipc.ts must have exactly one entry per name (the compiler holds it to this list).
 */
export const callNames = [
  'getSystemInfo',
  'getSettings',
  'setTheme',
  'listConnections',
  'saveConnection',
  'checkDraft',
  'checkConnection',
  'selectConnection',
  'duplicateConnection',
  'removeConnection',
  'moveConnection',
  'chooseCaFile',
  'chooseCliConfigFile',
  'previewCliImport',
  'importCliConfigs',
  'exportConnections',
  'listTokens',
  'getTokenResources',
  'getTokenDetail',
  'createToken',
  'cloneToken',
  'rotateToken',
  'finishRotation',
  'reissueToken',
  'markSelfToken',
  'listUsers',
  'createServiceUser',
  'markServiceUser',
  'setTokenStatus',
  'setTokenDescription',
  'deleteToken',
  'copyText',
  'listV1Credentials',
  'getV1Buckets',
  'createV1Credential',
  'setV1Password',
  'setV1Status',
  'setV1Description',
  'deleteV1Credential',
  'checkV1Credential',
  'copyV1Snippet',
  'createDbrpMapping',
  'setPreferences',
  'getVaultStatus',
  'listVault',
  'revealVaultValue',
  'copyVaultValue',
  'updateVaultEntry',
  'deleteVaultEntry',
  'recoverVault',
  'setVaultPassphrase',
  'unlockVault',
  'lockVault',
  'reconcileVault',
  'captureValues',
  'importTokenValue',
  'exportVault',
  'importVault',
  'listHistory',
  'exportHistory',
] as const;

export type CallName = (typeof callNames)[number];

/** The IPC channel of a call; one prefix so main can tell ours from anything else. */
export function channelOf(name: CallName): string {
  return `token-desk:${name}`;
}
