/** The IPC argument schemas of connection calls (main validates with them; the page never loads zod). */
import { z } from 'zod';
import { environmentColours } from './connections';
import { influxId, localId } from './ids';

const trimmed = (max: number) => z.string().trim().max(max);

export const orgRefSchema = z.object({ id: influxId, name: trimmed(200).min(1) }).strict();
export type OrgRef = z.infer<typeof orgRefSchema>;

export const connectionTlsSchema = z
  .object({
    /** A PEM file of extra CA certificates to trust, chosen by the user. */
    caFile: z.string().min(1).max(4096).nullable(),
    /** Skip certificate verification entirely: allowed, but shown as a loud warning. */
    skipVerify: z.boolean(),
  })
  .strict();
export type ConnectionTls = z.infer<typeof connectionTlsSchema>;

/** What the form sends. `token` is a new management token; omitted means keep the stored one. */
export const connectionDraftSchema = z
  .object({
    id: localId.optional(),
    name: trimmed(100).min(1, 'a name is required'),
    url: trimmed(2048).min(1, 'a URL is required'),
    token: z.string().trim().min(1).max(4096).optional(),
    /** False keeps a new token in memory for this session only. */
    rememberToken: z.boolean(),
    org: orgRefSchema.nullable(),
    environment: z
      .object({ label: trimmed(40), colour: z.enum(environmentColours), production: z.boolean().optional() })
      .strict(),
    timeoutMs: z.number().int().min(1000).max(300_000),
    tls: connectionTlsSchema,
    /**
     * Cloud Dedicated: the cluster's own URL (queries and writes), where new database tokens are
     * tried; null or absent: not known. Other products ignore it.
     */
    dataUrl: trimmed(2048).nullable().optional(),
    /** The new address (origin) the person agreed to send the stored token to, after HOST_CHANGED. */
    sendStoredTokenTo: z.string().max(2100).optional(),
  })
  .strict();
export type ConnectionDraft = z.infer<typeof connectionDraftSchema>;

/** Days from creation to review for writers and for readers; null: no date by default. */
const policyDays = z.number().int().min(1).max(3650).nullable();
export const reviewPolicySchema = z.object({ writeDays: policyDays, otherDays: policyDays }).strict();
