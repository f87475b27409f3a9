/**
 * Team vaults: the places a team already keeps shared secrets (a KeePassXC database, a `pass`
 * store, the desktop's Secret Service, a command of the person's choosing). Token Desk hands each
 * value it makes to the destinations chosen for its connection, after its own vault has it.
 */
import type { z } from 'zod';
import type { destinationDraftSchema } from './team-schemas';

export const destinationKinds = ['keepassxc', 'pass', 'secret-service', 'command'] as const;
export type DestinationKind = (typeof destinationKinds)[number];

export const destinationKindLabels: Record<DestinationKind, string> = {
  keepassxc: 'KeePassXC database',
  pass: 'pass (password store)',
  'secret-service': 'Secret Service (desktop keyring)',
  command: 'A command',
};

/** How a KeePassXC database is opened: a master password kept sealed, asked each time, or a key file alone. */
export const keepassPasswordModes = ['saved', 'ask', 'none'] as const;

export type DestinationDraft = z.infer<typeof destinationDraftSchema>;

/** Omit over each member of a union (TypeScript's Omit would merge them into one shape). */
export type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A destination as the page sees it: never the master password, only whether one is sealed. */
export type TeamDestination = OmitEach<DestinationDraft, 'id' | 'password'> & { id: string; passwordSaved: boolean };

/** What happened to one value at one destination, kept on its vault entry. */
export interface TeamCopy {
  destinationId: string;
  /** The destination's label when this was written (it may be renamed or removed later). */
  destination: string;
  state: 'sent' | 'not-sent' | 'retired';
  /** Where it is there: a KeePassXC entry path, a pass path, a keyring item's label; '' when never sent. */
  where: string;
  /** Why it was not sent, in plain words; null when sent. */
  reason: string | null;
  at: string;
}

/** The placeholders a command's arguments may hold (never the value: that goes on standard input). */
export const commandPlaceholders = ['{name}', '{connection}', '{kind}', '{id}', '{url}', '{path}'] as const;
