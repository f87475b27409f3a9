/**
 * Fault injection, for the whole emulator or per request path: what a slow server, a dead server,
 * a proxy or a broken network does to a client.
 */
export type Fault =
  | { kind: 'latency'; ms: number }
  | { kind: 'hang' }
  | { kind: 'status'; status: 500 | 502 | 503 }
  | { kind: 'html'; status?: number }
  | { kind: 'malformed-json' }
  | { kind: 'reset' }
  /** The request is carried out, then the connection is cut before the answer: a lost reply. */
  | { kind: 'reset-after' }
  /** The request is carried out and answered without this top-level field (a broken proxy or server). */
  | { kind: 'drop-field'; field: string }
  /** Answered 200 with this JSON instead, untouched: valid JSON of the wrong shape. */
  | { kind: 'answer'; body: unknown }
  /** A 400 whose message repeats the request's Authorization header and body, as some proxies and servers do. */
  | { kind: 'echo' };

export interface FaultRule {
  fault: Fault;
  /** A path prefix ("/api/v2/authorizations") or a pattern; none means every request. */
  path?: string | RegExp;
  method?: string;
  /** How many requests it hits before it lifts; none means until cleared. */
  times?: number;
  /** How many matching requests pass untouched first (the up-front check before a create, say). */
  skip?: number;
}

export class FaultController {
  private rules: FaultRule[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ ...rule });
  }

  clear(): void {
    this.rules = [];
  }

  /** The faults that hit this request, in the order added; counted rules are used up. */
  take(method: string, path: string): Fault[] {
    const hit: Fault[] = [];
    for (const rule of this.rules) {
      if (rule.method && rule.method.toUpperCase() !== method) continue;
      if (
        rule.path !== undefined &&
        !(typeof rule.path === 'string' ? path.startsWith(rule.path) : rule.path.test(path))
      )
        continue;
      if (rule.skip) {
        rule.skip -= 1;
        continue;
      }
      hit.push(rule.fault);
      if (rule.times !== undefined) rule.times -= 1;
    }
    this.rules = this.rules.filter((rule) => rule.times === undefined || rule.times > 0);
    return hit;
  }
}

export const proxyErrorPage = (status: number) =>
  `<!DOCTYPE html>\n<html><head><title>${status} Bad Gateway</title></head>\n<body><center><h1>${status} Bad ` +
  `Gateway</h1></center><hr><center>nginx</center></body></html>\n`;
