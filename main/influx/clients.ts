/**
 * The one place services get an InfluxDB client from: a saved connection's target (its token
 * unsealed in main), or a draft's. Injected, so services never build clients of their own. It also
 * follows each saved connection's state from every answer and tells the page when it changes.
 */
import type { TokenDeskError } from '$contract/errors';
import type { MainEvent } from '$contract/events';
import { InfluxClient, newFacts, type ConnectionFacts } from './client';
import { InfluxRequestError } from './errors';
import type { InfluxTarget } from './target';

export interface TargetSource {
  target(ref: { id: string }): Promise<InfluxTarget>;
}

/** A failure of the connection as a whole, not of one request (a refused grant, a missing token). */
export function failsConnection(error: TokenDeskError): boolean {
  if (
    error.code === 'NETWORK' ||
    error.code === 'TIMEOUT' ||
    error.code === 'TLS' ||
    error.code === 'REDIRECT' ||
    error.code === 'NOT_INFLUXDB'
  )
    return true;
  if (!(error instanceof InfluxRequestError)) return false;
  const { status, missing, influxMessage } = error.reason;
  // A server (or its gateway) that is unavailable fails the connection as a whole until it answers again.
  return (
    (status === 401 && missing === null) ||
    (status === 403 && influxMessage === 'User is inactive') ||
    status === 502 ||
    status === 503 ||
    status === 504
  );
}

export class InfluxClients {
  /** The last state told for each connection: only changes are sent. */
  private readonly told = new Map<string, string>();
  /** When each connection last failed as a whole: a success of a request started before it proves nothing. */
  private readonly failedAt = new Map<string, number>();
  /** Aborts every request in flight when the app quits. */
  private readonly stop = new AbortController();
  /** Per saved connection: what its server is and names (see ConnectionFacts). */
  private readonly facts = new Map<string, ConnectionFacts>();

  /** A connection's facts; `fresh` forgets them first (a check, a refresh, an edited profile). */
  factsOf(connectionId: string, fresh = false): ConnectionFacts {
    let known = this.facts.get(connectionId);
    if (!known || fresh) {
      known = newFacts();
      this.facts.set(connectionId, known);
    }
    return known;
  }

  constructor(
    private readonly targets: TargetSource,
    private readonly notify: (event: MainEvent) => void = () => undefined,
  ) {}

  forTarget(target: InfluxTarget): InfluxClient {
    return new InfluxClient(target, undefined, this.stop.signal);
  }

  /** Cancels every request in flight and refuses new ones (they end as CANCELLED). */
  dispose(): void {
    this.stop.abort();
  }

  /** A saved connection's client, with the facts known of it: no request is made here. */
  async forConnection(connectionId: string, options: { fresh?: boolean } = {}): Promise<InfluxClient> {
    const client = new InfluxClient(
      await this.targets.target({ id: connectionId }),
      (outcome) => {
        if (outcome.ok) {
          if (outcome.startedAt >= (this.failedAt.get(connectionId) ?? -Infinity))
            this.tell(connectionId, { ok: true });
        } else if (failsConnection(outcome.error)) {
          this.failedAt.set(connectionId, performance.now());
          this.tell(connectionId, { ok: false, error: outcome.error.toShape() });
        }
      },
      this.stop.signal,
      this.factsOf(connectionId, options.fresh),
    );
    return client;
  }

  /** Records a connection's state (also from full checks) and tells the page when it changed. */
  tell(connectionId: string, state: Extract<MainEvent, { kind: 'connection-state' }>['state']): void {
    const key = state.ok ? 'ok' : `${state.error.code}:${state.error.message}`;
    if (this.told.get(connectionId) === key) return;
    this.told.set(connectionId, key);
    this.notify({ kind: 'connection-state', connectionId, state });
  }
}
