/**
 * Explicit, numbered settings migrations (electron-store's own are self-described as buggy). Each
 * step takes the document of version N and returns version N+1; `load` runs the steps in order,
 * then validates field by field so one bad value never costs the others.
 */
import { z } from 'zod';
import { labelSaysProduction } from '$contract/connections';
import { migrate, type Migrations } from '../migrate';
import {
  CURRENT_SETTINGS_VERSION,
  defaultSettings,
  settingsFields,
  type Settings,
  type StoredConnection,
} from './schema';

type Doc = Record<string, unknown>;

/** migrations[n] turns version n into version n+1. Version 0 is a document without schemaVersion. */
export const migrations: Migrations<Doc> = {
  // A document with no version (written by hand, or an empty store) holds version 1's fields.
  0: (doc) => ({ ...doc, schemaVersion: 1 }),
  // Version 2 adds connection profiles and the one selected last.
  1: (doc) => ({ ...doc, connections: [], lastConnectionId: null, schemaVersion: 2 }),
  // Version 3 makes "production" a connection's own setting; until now its label said it.
  2: (doc) => ({
    ...doc,
    connections: Array.isArray(doc['connections']) ? doc['connections'].map(withProductionSetting) : doc['connections'],
    schemaVersion: 3,
  }),
};

function withProductionSetting(connection: unknown): unknown {
  const environment = (connection as Doc | null)?.['environment'] as Doc | null | undefined;
  if (typeof environment?.['label'] !== 'string') return connection;
  return {
    ...(connection as Doc),
    environment: { ...environment, production: labelSaysProduction(environment['label']) },
  };
}

export interface LoadedSettings {
  settings: Settings;
  /** Written by a newer Token Desk: we read what we understand and never write over it. */
  readOnly: boolean;
  /** Plain-language notes on what was repaired, for the log (no values). */
  repaired: string[];
}

const fieldsObject = z.object(settingsFields);

export function loadSettings(raw: unknown): LoadedSettings {
  const repaired: string[] = [];
  if (raw === undefined || raw === null) return { settings: defaultSettings(), readOnly: false, repaired };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      settings: defaultSettings(),
      readOnly: false,
      repaired: ['the settings file was not an object; defaults used'],
    };
  }
  let doc: Doc = { ...(raw as Doc) };
  const version = typeof doc['schemaVersion'] === 'number' ? doc['schemaVersion'] : 0;
  if (!Number.isInteger(version) || version < 0) {
    return {
      settings: defaultSettings(),
      readOnly: false,
      repaired: ['the settings version was not understood; defaults used'],
    };
  }
  const readOnly = version > CURRENT_SETTINGS_VERSION;
  doc = migrate(doc, version, CURRENT_SETTINGS_VERSION, migrations, 'settings');
  const fields = fieldsObject.parse(doc);
  for (const key of Object.keys(settingsFields) as (keyof typeof settingsFields)[]) {
    if (doc[key] === undefined || JSON.stringify(doc[key]) === JSON.stringify(fields[key])) continue;
    const stored = doc[key];
    if (key !== 'connections' || !Array.isArray(stored)) repaired.push(`${key} was invalid and was reset`);
    else {
      if (stored.length > fields.connections.length)
        repaired.push(`${stored.length - fields.connections.length} damaged connection(s) dropped`);
      repaired.push(...connectionRepairs(stored, fields.connections));
    }
  }
  return { settings: { schemaVersion: CURRENT_SETTINGS_VERSION, ...fields }, readOnly, repaired };
}

/** Which fields of which kept connection fell back, named for the person (no values). */
function connectionRepairs(stored: unknown[], kept: StoredConnection[]): string[] {
  const notes: string[] = [];
  for (const connection of kept) {
    const raw = stored.find((c) => (c as Doc | null)?.['id'] === connection.id) as Doc | undefined;
    if (!raw) continue;
    const changed = Object.keys(raw).filter(
      (key) =>
        key in connection && JSON.stringify(raw[key]) !== JSON.stringify(connection[key as keyof StoredConnection]),
    );
    if (changed.length)
      notes.push(
        `connection “${connection.name}”: ${changed.join(', ')} ${changed.length === 1 ? 'was' : 'were'} invalid and ` +
          `${changed.includes('tokenCipher') ? 'reset (enter its token again)' : 'reset'}`,
      );
  }
  return notes;
}
