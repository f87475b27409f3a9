/**
 * The one place services get an InfluxDB client from: a saved connection's target (its token
 * unsealed in main), or a draft's. Injected, so services never build clients of their own.
 */
import { InfluxClient } from './client';
import type { InfluxTarget } from './target';

export interface TargetSource {
  target(ref: { id: string }): Promise<InfluxTarget>;
}

export class InfluxClients {
  constructor(private readonly targets: TargetSource) {}

  forTarget(target: InfluxTarget): InfluxClient {
    return new InfluxClient(target);
  }

  /** A saved connection's client with its org names loaded, so messages name orgs as people know them. */
  async forConnection(connectionId: string): Promise<InfluxClient> {
    const client = this.forTarget(await this.targets.target({ id: connectionId }));
    await client.orgs();
    return client;
  }
}
