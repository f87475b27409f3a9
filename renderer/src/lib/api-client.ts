/**
 * The one place that turns main's envelopes into a value or a thrown TokenDeskError (code + plain
 * message); components narrow with `isCode`. Free of `window`, so unit tests use it directly.
 */
import type { BridgeApi, TokenDeskApi } from '$contract/ipc';
import { TokenDeskError, isErrorCode, type Envelope } from '$contract/errors';

/** An envelope as a value or a TokenDeskError; anything else (a broken bridge) is INTERNAL. */
export function unwrap<T>(answer: Envelope<T> | undefined): T {
  if (answer?.ok === true) return answer.value;
  const error = answer?.ok === false ? answer.error : undefined;
  if (error && isErrorCode(error.code)) throw new TokenDeskError(error.code, error.message, error.details);
  throw new TokenDeskError(
    'INTERNAL',
    'Token Desk’s window received an answer it does not understand. Restart the app.',
  );
}

function unreachable(thrown: unknown): TokenDeskError {
  return new TokenDeskError(
    'INTERNAL',
    `Token Desk’s window could not reach its main process: ` +
      `${thrown instanceof Error ? thrown.message : String(thrown)}`,
  );
}

export function createClient(bridge: BridgeApi): TokenDeskApi {
  const client: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(
    bridge as unknown as Record<string, (args?: unknown) => Promise<Envelope<unknown>>>,
  )) {
    if (name === 'onEvent') continue;
    client[name] = (args?: unknown) => fn(args).then(unwrap, (thrown: unknown) => Promise.reject(unreachable(thrown)));
  }
  client['onEvent'] = bridge.onEvent;
  return client as unknown as TokenDeskApi;
}
