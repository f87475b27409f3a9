/** The team vault calls' argument schemas (zod): main validates with them; the page never loads them. */
import { z } from 'zod';
import { localId } from './ids';
import { keepassPasswordModes } from './team';

/** Where entries go inside the destination: `{connection}` becomes the connection's name. */
const folder = z.string().trim().max(300);
const path = z.string().trim().min(1).max(4096);
const common = {
  id: localId.nullable(),
  label: z.string().trim().min(1).max(100),
  connectionIds: z.array(localId).max(500),
};

export const destinationDraftSchema = z.discriminatedUnion('kind', [
  z
    .object({
      ...common,
      kind: z.literal('keepassxc'),
      file: path,
      keyFile: path.nullable(),
      group: folder,
      passwordMode: z.enum(keepassPasswordModes),
      /** A new master password to seal (passwordMode 'saved'); null keeps the sealed one. */
      password: z.string().min(1).max(1024).nullable(),
      /** keepassxc-cli, or its full path where it is not on PATH (macOS keeps it in the app bundle). */
      cli: z.string().trim().min(1).max(4096),
    })
    .strict(),
  z
    .object({
      ...common,
      kind: z.literal('pass'),
      /** PASSWORD_STORE_DIR; null for ~/.password-store. */
      storeDir: path.nullable(),
      folder,
      gitPush: z.boolean(),
    })
    .strict(),
  z.object({ ...common, kind: z.literal('secret-service') }).strict(),
  z
    .object({
      ...common,
      kind: z.literal('command'),
      program: path,
      args: z.array(z.string().max(4096)).max(64),
      timeoutSeconds: z.number().int().min(1).max(600),
    })
    .strict(),
]);
