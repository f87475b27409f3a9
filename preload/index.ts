/**
 * The sandboxed preload: exposes only the contract's functions. No ipcRenderer, no event objects,
 * no generic invoke reach the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { Envelope } from '$contract/errors';
import { buildTokenDeskApi } from './api';

contextBridge.exposeInMainWorld(
  'tokenDesk',
  buildTokenDeskApi((channel, args) => ipcRenderer.invoke(channel, args) as Promise<Envelope<unknown>>),
);
