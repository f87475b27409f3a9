/**
 * The settings document as stored on disk (electron-store's JSON file). No secret is stored here in
 * clear: a connection's management token is SecretBox ciphertext (base64) or absent.
 * Each field has a default so a damaged field falls back alone instead of taking the file with it.
 */
import { z } from 'zod';
import { localId } from '$contract/ids';
import { connectionTlsSchema, orgRefSchema, reviewPolicySchema } from '$contract/connection-schemas';
import { environmentColours, labelSaysProduction } from '$contract/connections';
import { defaultReviewPolicy, isDay } from '$contract/review';
import { themeSources } from '$contract/ipc';
import { destinationDraftSchema } from '$contract/team-schemas';
import { teamHistoryTargetSchema } from '$contract/team-history-schemas';

export const CURRENT_SETTINGS_VERSION = 3;

export const windowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(20000),
  height: z.number().int().min(300).max(20000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof windowStateSchema>;

/** Keys that would reach an object's prototype if copied onto one (a crafted `__proto__` review). */
const unsafeKeys = new Set(['__proto__', 'constructor', 'prototype']);

/** Review-by dates: each kept only when its key and day are sound; the rest are dropped alone. */
const reviewsSchema = z.unknown().transform((value): Record<string, string> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const kept: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, day] of Object.entries(value as Record<string, unknown>))
    if (!unsafeKeys.has(key) && key.length <= 64 && typeof day === 'string' && isDay(day)) kept[key] = day;
  return { ...kept };
});

/** Credentials kept after a replacement, by ID: the day to retire each by and what replaced it. */
const retirementsSchema = z.unknown().transform((value): Record<string, { by: string; replacedBy: string }> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const kept: Record<string, { by: string; replacedBy: string }> = Object.create(null) as typeof kept;
  for (const [key, note] of Object.entries(value as Record<string, unknown>)) {
    const { by, replacedBy } = (typeof note === 'object' && note !== null ? note : {}) as Record<string, unknown>;
    if (
      !unsafeKeys.has(key) &&
      key.length <= 256 &&
      typeof by === 'string' &&
      isDay(by) &&
      typeof replacedBy === 'string'
    )
      kept[key] = { by, replacedBy: replacedBy.slice(0, 400) };
  }
  return { ...kept };
});

/**
 * A connection as stored. Only what identifies it (its ID and URL) must be sound; every other field
 * falls back alone (a damaged token cipher means entering the token again, never losing the
 * connection), and loadSettings says which were repaired.
 */
export const storedConnectionSchema = z.object({
  id: localId,
  name: z.string().min(1).max(100).catch('Unnamed connection'),
  url: z.string().min(1).max(2048),
  org: orgRefSchema.nullable().catch(null),
  environment: z
    .object({ label: z.string().max(40), colour: z.enum(environmentColours), production: z.boolean().optional() })
    // Migration 2 writes it; a file edited by hand without it is read from the label, and said repaired.
    .transform((e) => ({ ...e, production: e.production ?? labelSaysProduction(e.label) }))
    .catch({ label: '', colour: 'grey', production: false }),
  timeoutMs: z.number().int().min(1000).max(300_000).catch(10_000),
  // Repaired to verify certificates: the safe side.
  tls: connectionTlsSchema.catch({ caFile: null, skipVerify: false }),
  /** The management token encrypted by the SecretBox, base64; null when none is stored on disk. */
  tokenCipher: z.string().max(100_000).nullable().catch(null),
  /** An org known only by name (from an influx CLI config) until the first check finds its ID. */
  orgHint: z.string().max(200).nullable().default(null).catch(null),
  /** IDs of the server's users Token Desk was told are service users (InfluxDB has no such flag). */
  serviceUsers: z.array(z.string().max(64)).max(10_000).default([]).catch([]),
  /** The server's ID of the token this connection uses, once known (found, or told by the user). */
  selfTokenId: z.string().max(64).nullable().default(null).catch(null),
  /** Review-by dates (YYYY-MM-DD) of the server's tokens, by token ID: InfluxDB 2.x tokens never expire. */
  reviews: reviewsSchema.default({}),
  retirements: retirementsSchema.default({}),
  /** Cloud Dedicated: the cluster's data URL, where new database tokens are tried. */
  dataUrl: z.string().max(2048).nullable().default(null).catch(null),
  reviewPolicy: reviewPolicySchema.default(defaultReviewPolicy).catch(defaultReviewPolicy),
});
export type StoredConnection = z.infer<typeof storedConnectionSchema>;

/** Keeps every valid item of a list even when one is damaged. */
const listOf = <T extends z.ZodType>(item: T) =>
  z
    .array(z.unknown())
    .catch([])
    .transform((items) =>
      items.flatMap((raw) => {
        const parsed = item.safeParse(raw);
        return parsed.success ? [parsed.data as z.infer<T>] : [];
      }),
    );

/** A team vault destination: its settings, and its master password sealed like a connection's token. */
export const storedDestinationSchema = z.object({
  destination: destinationDraftSchema,
  passwordCipher: z.string().max(100_000).nullable(),
});
export type StoredDestination = z.infer<typeof storedDestinationSchema>;

export const settingsFields = {
  theme: z.enum(themeSources).catch('system'),
  window: windowStateSchema.nullable().catch(null),
  connections: listOf(storedConnectionSchema),
  teamDestinations: listOf(storedDestinationSchema),
  lastConnectionId: z.string().nullable().catch(null),
  /** Seconds before a copied secret is cleared from the clipboard; 0 = never. */
  clipboardClearSeconds: z.number().int().min(0).max(600).catch(30),
  /** Minutes of system idle time before a passphrase vault locks; 0 = never. */
  autoLockMinutes: z.number().int().min(0).max(1440).catch(15),
  /** Attention items the person set aside, each with the reason given. */
  dismissals: listOf(
    z
      .object({
        key: z.string().max(800),
        connectionId: z.string().max(100),
        title: z.string().max(1000),
        reason: z.string().max(500),
        at: z.string().max(40),
      })
      .strict(),
  ),
  /** At most one OS notification a day for due reviews, expiries and retire-by dates. */
  reminders: z.boolean().catch(true),
  /** The local day the last reminder was shown. */
  lastReminderDay: z.string().refine(isDay).nullable().catch(null),
  /** Where this desk ships its history for the team; null: nowhere (a damaged one is set up again). */
  teamHistory: teamHistoryTargetSchema.nullable().catch(null),
  /** This desk's name in the team history; null: host and OS user. */
  deskName: z.string().min(1).max(100).nullable().catch(null),
  /** The review policy a new connection starts with (each connection's own can then change). */
  newReviewPolicy: reviewPolicySchema.catch(defaultReviewPolicy),
};

export const settingsSchema = z.object({
  schemaVersion: z.literal(CURRENT_SETTINGS_VERSION),
  ...settingsFields,
});
export type Settings = z.infer<typeof settingsSchema>;

export function defaultSettings(): Settings {
  return {
    schemaVersion: CURRENT_SETTINGS_VERSION,
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
    newReviewPolicy: defaultReviewPolicy,
  };
}
