/** The Cloud Dedicated / Clustered calls' argument schemas (zod): main validates; the page never loads them. */
import { z } from 'zod';
import { localId } from './ids';

const connectionId = localId;
/** The Management API's UuidV4. */
const tokenId = z.string().uuid();

/** ClusterDatabaseName: 1 to 64 characters; or `*`, all databases. */
export const clusterPermissionSchema = z
  .object({ action: z.enum(['read', 'write']), resource: z.string().min(1).max(64) })
  .strict();

const permissions = z.array(clusterPermissionSchema).max(1000);
const description = z.string().trim().min(1).max(1000);

export const createClusterTokenSchema = z
  .object({
    connectionId,
    description,
    permissions,
    /** RFC 3339, in the future; null: never expires. */
    expiresAt: z.string().datetime({ offset: true }).nullable(),
    saveToVault: z.boolean(),
  })
  .strict();

export const updateClusterTokenSchema = z
  .object({ connectionId, id: tokenId, description: description.optional(), permissions: permissions.optional() })
  .strict()
  .refine((u) => u.description !== undefined || u.permissions !== undefined, 'nothing to change');

export const clusterTokenRefSchema = z.object({ connectionId, id: tokenId }).strict();

/** A vault entry's value tried on the cluster's data endpoint (the page never sends the value). */
export const probeClusterTokenSchema = z.object({ connectionId, entryId: localId }).strict();
