import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../main/log/logger';
import { CURRENT_SETTINGS_VERSION } from '../../main/settings/schema';
import { loadSettings } from '../../main/settings/migrations';
import { SettingsService, type SettingsBackend } from '../../main/settings/settings-service';
import { restoreWindowBounds } from '../../main/settings/window-state';
import { confSettingsBackend } from '../support/test-core';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

function memoryBackend(initial: unknown) {
  const writes: unknown[] = [];
  const backend: SettingsBackend = { read: () => initial, write: (doc) => void writes.push(structuredClone(doc)) };
  return { backend, writes };
}

const quiet = createLogger(() => undefined);

describe('settings migrations', () => {
  it('gives defaults to a new user', () => {
    expect(loadSettings(undefined)).toEqual({
      settings: {
        schemaVersion: 3,
        theme: 'system',
        window: null,
        connections: [],
        teamDestinations: [],
        lastConnectionId: null,
        clipboardClearSeconds: 30,
        autoLockMinutes: 15,
        dismissals: [],
        reminders: true,
        lastReminderDay: null,
        teamHistory: null,
        deskName: null,
        newReviewPolicy: { writeDays: 90, otherDays: null },
      },
      readOnly: false,
      repaired: [],
    });
  });

  it('migrates an unversioned document and keeps its valid fields', () => {
    const loaded = loadSettings({ theme: 'dark', window: { width: 900, height: 700, maximized: false } });
    expect(loaded.settings).toEqual({
      schemaVersion: 3,
      theme: 'dark',
      window: { width: 900, height: 700, maximized: false },
      connections: [],
      teamDestinations: [],
      lastConnectionId: null,
      clipboardClearSeconds: 30,
      autoLockMinutes: 15,
      dismissals: [],
      reminders: true,
      lastReminderDay: null,
      teamHistory: null,
      deskName: null,
      newReviewPolicy: { writeDays: 90, otherDays: null },
    });
    expect(loaded.readOnly).toBe(false);
  });

  it('migrates version 1, adding an empty list of connections', () => {
    const loaded = loadSettings({ schemaVersion: 1, theme: 'light', window: null });
    expect(loaded.settings).toEqual({
      schemaVersion: 3,
      theme: 'light',
      window: null,
      connections: [],
      teamDestinations: [],
      lastConnectionId: null,
      clipboardClearSeconds: 30,
      autoLockMinutes: 15,
      dismissals: [],
      reminders: true,
      lastReminderDay: null,
      teamHistory: null,
      deskName: null,
      newReviewPolicy: { writeDays: 90, otherDays: null },
    });
    expect(loaded.repaired).toEqual([]);
  });

  it('drops only the damaged connection and keeps the others', () => {
    const good = {
      id: '7d3c1f9e-2b1a-4c5d-9e8f-0a1b2c3d4e5f',
      name: 'prod',
      url: 'https://influx.example.com',
      org: null,
      environment: { label: 'production', colour: 'red' },
      timeoutMs: 10000,
      tls: { caFile: null, skipVerify: false },
      tokenCipher: null,
    };
    const loaded = loadSettings({ schemaVersion: 2, connections: [good, { id: 'broken' }], lastConnectionId: good.id });
    expect(loaded.settings.connections).toEqual([
      {
        ...good,
        // Version 3 reads "production" from the label it was saved with.
        environment: { label: 'production', colour: 'red', production: true },
        orgHint: null,
        serviceUsers: [],
        selfTokenId: null,
        reviews: {},
        retirements: {},
        reviewPolicy: { writeDays: 90, otherDays: null },
        dataUrl: null,
      },
    ]);
    expect(loaded.repaired).toEqual(['1 damaged connection(s) dropped']);
  });

  it('migrates version 2 connections: production is set from the label they were saved with, nothing said repaired', () => {
    const saved = (name: string, label: string) => ({
      id: randomUUID(),
      name,
      url: 'https://influx.example.com',
      org: null,
      environment: { label, colour: 'red' },
      timeoutMs: 10000,
      tls: { caFile: null, skipVerify: false },
      tokenCipher: null,
    });
    const loaded = loadSettings({
      schemaVersion: 2,
      connections: [saved('EU', 'Prod'), saved('Lab', 'staging'), saved('Shop', 'live shop')],
    });
    expect(loaded.settings.connections.map((c) => [c.name, c.environment.production])).toEqual([
      ['EU', true],
      ['Lab', false],
      ['Shop', true],
    ]);
    expect(loaded.repaired).toEqual([]);
  });

  it('reads a version 3 connection without the setting from its label, and says it was repaired', () => {
    const loaded = loadSettings({
      schemaVersion: 3,
      connections: [
        {
          id: randomUUID(),
          name: 'EU',
          url: 'https://influx.example.com',
          org: null,
          environment: { label: 'prd', colour: 'red' },
          timeoutMs: 10000,
          tls: { caFile: null, skipVerify: false },
          tokenCipher: null,
        },
      ],
    });
    expect(loaded.settings.connections[0]?.environment.production).toBe(true);
    expect(loaded.repaired).toEqual(['connection “EU”: environment was invalid and reset']);
  });

  it('resets only the field that is invalid, and says so', () => {
    const loaded = loadSettings({
      schemaVersion: 2,
      theme: 'neon',
      window: { width: 900, height: 700, maximized: true },
      connections: [],
      teamDestinations: [],
      lastConnectionId: null,
      clipboardClearSeconds: 30,
      autoLockMinutes: 15,
      dismissals: [],
      reminders: true,
      lastReminderDay: null,
      teamHistory: null,
      deskName: null,
      newReviewPolicy: { writeDays: 90, otherDays: null },
    });
    expect(loaded.settings.theme).toBe('system');
    expect(loaded.settings.window).toEqual({ width: 900, height: 700, maximized: true });
    expect(loaded.repaired).toEqual(['theme was invalid and was reset']);
  });

  it('treats a file from a newer Token Desk as read-only and never writes over it', () => {
    const future = { schemaVersion: CURRENT_SETTINGS_VERSION + 1, theme: 'light', somethingNew: { a: 1 } };
    const { backend, writes } = memoryBackend(future);
    const service = new SettingsService(backend, quiet);
    expect(service.readOnly).toBe(true);
    expect(service.get().theme).toBe('light');
    service.update({ theme: 'dark' });
    expect(service.get().theme).toBe('dark');
    expect(writes).toEqual([]);
  });

  it('replaces a document that is not an object with defaults', () => {
    expect(loadSettings([1, 2]).settings.theme).toBe('system');
    expect(loadSettings('dark').repaired[0]).toMatch(/not an object/);
  });

  it('writes the migrated document back in the current version through electron-store’s engine', () => {
    const dir = mkdtempSync(join(tmpdir(), 'td-settings-'));
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ theme: 'light' }));
    const service = new SettingsService(confSettingsBackend(dir), quiet);
    service.update({ theme: 'dark' });
    const onDisk = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as Record<string, unknown>;
    expect(onDisk).toEqual({
      schemaVersion: 3,
      theme: 'dark',
      window: null,
      connections: [],
      teamDestinations: [],
      lastConnectionId: null,
      clipboardClearSeconds: 30,
      autoLockMinutes: 15,
      dismissals: [],
      reminders: true,
      lastReminderDay: null,
      teamHistory: null,
      deskName: null,
      newReviewPolicy: { writeDays: 90, otherDays: null },
    });
  });
});

describe('window placement', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];

  it('uses the default size the first time', () => {
    expect(restoreWindowBounds(null, screen)).toEqual({ width: 1200, height: 800 });
  });

  it('restores a window that is still on a screen', () => {
    expect(restoreWindowBounds({ x: 100, y: 80, width: 1000, height: 700, maximized: false }, screen)).toEqual({
      x: 100,
      y: 80,
      width: 1000,
      height: 700,
    });
  });

  it('drops the position of a window left on a monitor that is gone, keeping its size', () => {
    expect(restoreWindowBounds({ x: 2500, y: 80, width: 1000, height: 700, maximized: false }, screen)).toEqual({
      width: 1000,
      height: 700,
    });
  });
});
