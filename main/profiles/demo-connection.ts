/**
 * `npm run demo` hands the app one connection to a local emulator through
 * TOKEN_DESK_DEMO_CONNECTION ({"name","url","token"} as JSON). It is honoured only in an unpackaged
 * build, into a throw-away profile directory, and its token is kept for the session only.
 */
import { z } from 'zod';
import { connectionDefaults, type ConnectionDraft } from '$contract/connections';

const demoSchema = z
  .object({ name: z.string().min(1).max(100), url: z.string().url(), token: z.string().min(1) })
  .strict();

export function demoConnectionDraft(raw: string | undefined): ConnectionDraft | null {
  if (!raw) return null;
  const parsed = demoSchema.safeParse(JSON.parse(raw) as unknown);
  if (!parsed.success) throw new Error('TOKEN_DESK_DEMO_CONNECTION must be JSON with name, url and token');
  const { name, url, token } = parsed.data;
  return {
    name,
    url,
    token,
    rememberToken: false,
    ...connectionDefaults,
    environment: { label: 'demo', colour: 'green' },
    tls: { ...connectionDefaults.tls },
  };
}
