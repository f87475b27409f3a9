/**
 * The sandboxed preload: exposes only the contract's functions and the one notification channel.
 * No ipcRenderer, no event objects, no generic invoke reach the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Envelope } from '$contract/errors';
import { eventChannel, type MainEvent } from '$contract/events';
import { buildTokenDeskApi } from './api';

contextBridge.exposeInMainWorld(
  'tokenDesk',
  buildTokenDeskApi(
    (channel, args) => ipcRenderer.invoke(channel, args) as Promise<Envelope<unknown>>,
    (listener) => {
      const forward = (_event: IpcRendererEvent, payload: MainEvent) => listener(payload);
      ipcRenderer.on(eventChannel, forward);
      return () => ipcRenderer.removeListener(eventChannel, forward);
    },
  ),
);
