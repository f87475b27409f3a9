/**
 * The handler table behind every IPC call: check the sender, parse the arguments with the contract,
 * run the handler, and answer with an envelope. Electron-free, so the Node tests and the browser
 * harness drive exactly what the app runs.
 */
import { contract, channelOf, callNames, type CallName, type ParsedArgsOf, type ResultOf } from '$contract/ipc';
import { TokenDeskError, type Envelope } from '$contract/errors';
import type { Logger } from '../log/logger';
import type { SenderPolicy } from '../security/sender-policy';

export type Handlers = {
  [K in CallName]: (args: ParsedArgsOf<K>) => Promise<ResultOf<K>>;
};

export type Dispatch = (channel: string, senderUrl: string | undefined, rawArgs: unknown) => Promise<Envelope<unknown>>;

const byChannel = new Map<string, CallName>(callNames.map((name) => [channelOf(name), name]));

export function createDispatch(handlers: Handlers, senders: SenderPolicy, log: Logger): Dispatch {
  return async (channel, senderUrl, rawArgs) => {
    const name = byChannel.get(channel);
    try {
      if (!name) throw new TokenDeskError('UNKNOWN_CALL', `Token Desk has no call named "${channel}".`);
      if (!senders.isTrusted(senderUrl)) {
        // The URL is not a secret, and knowing which page tried is what an investigation needs.
        log.warn('ipc.refused-sender', { call: name, sender: senderUrl ?? '(none)' });
        throw new TokenDeskError('FORBIDDEN_SENDER', 'This call is only answered for Token Desk’s own window.');
      }
      const args = parseArgs(name, rawArgs);
      const handler = handlers[name] as (a: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(args) };
    } catch (error) {
      return { ok: false, error: toErrorShape(error, name, log) };
    }
  };
}

function readArgs(name: CallName, rawArgs: unknown) {
  try {
    return contract[name].args.safeParse(rawArgs);
  } catch {
    // Arguments that throw when read (a getter, a revoked proxy: what no structured clone carries).
    throw new TokenDeskError('VALIDATION', `Invalid arguments for ${name}: they could not be read.`);
  }
}

function parseArgs(name: CallName, rawArgs: unknown): unknown {
  const parsed = readArgs(name, rawArgs);
  if (parsed.success) return parsed.data;
  // Issue messages name the field and the expected type, never what was sent, which may be a secret:
  // a key that is not a field name (an unknown key, a record's key) is not repeated either.
  const field = (segment: PropertyKey) =>
    typeof segment === 'number'
      ? `[${segment}]`
      : /^[A-Za-z][A-Za-z0-9]{0,40}$/.test(String(segment))
        ? String(segment)
        : '…';
  const problems = parsed.error.issues.map((issue) => {
    const message = issue.code === 'unrecognized_keys' ? 'fields it does not take' : issue.message;
    return issue.path.length ? `${issue.path.map(field).join('.')}: ${message}` : message;
  });
  throw new TokenDeskError('VALIDATION', `Invalid arguments for ${name}: ${problems.join('; ')}`);
}

function toErrorShape(error: unknown, name: CallName | undefined, log: Logger) {
  if (error instanceof TokenDeskError) return error.toShape();
  // An unexpected failure: log its kind for us, tell the user plainly, and keep the stack in main.
  log.error('ipc.unexpected', { call: name ?? '(unknown)', kind: error instanceof Error ? error.name : typeof error });
  return new TokenDeskError(
    'INTERNAL',
    'Something went wrong inside Token Desk. The action was not completed; please try again.',
  ).toShape();
}
