/**
 * The emulator's Cloud Dedicated and Clustered modes held to InfluxData's OpenAPI (test/fixtures/
 * management-api/): every answer of every operation, errors included, validated against the schema
 * the spec gives for that path, method and status; and the data endpoint's view of a token
 * (activation delay, revoked, expired).
 */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startEmulator, type Emulator } from './index';

type Spec = { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };

const specs = {
  dedicated: 'cloud-dedicated-management-openapi.yml',
  clustered: 'clustered-management-openapi.yml',
} as const;

function validatorFor(mode: keyof typeof specs) {
  const doc = parse(
    readFileSync(new URL(`../fixtures/management-api/${specs[mode]}`, import.meta.url), 'utf8'),
  ) as Spec;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...doc, $id: 'spec' });
  const resolve = (ref: string) => ref.replace(/^#\/components\/responses\//, '');
  /** The answer's schema from the spec, for a path template, a method and a status. */
  return (template: string, method: string, status: number, body: unknown): string[] => {
    const operation = doc.paths[template]?.[method.toLowerCase()];
    expect(operation, `${method} ${template} is in the spec`).toBeDefined();
    const answer = operation?.responses[String(status)] as { $ref?: string; content?: unknown } | undefined;
    expect(answer, `${method} ${template} answers ${status} in the spec`).toBeDefined();
    const pointer = answer?.$ref
      ? `spec#/components/responses/${resolve(answer.$ref)}/content/application~1json/schema`
      : `spec#/paths/${template.replaceAll('/', '~1')}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`;
    if (status === 204) return body === null ? [] : ['a 204 with a body'];
    const validate = ajv.getSchema(pointer);
    if (!validate) return [`no schema at ${pointer}`];
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
  };
}

for (const mode of ['dedicated', 'clustered'] as const) {
  describe(`the emulator's ${mode} Management API, against its OpenAPI`, () => {
    let influx: Emulator;
    let check: ReturnType<typeof validatorFor>;
    const prefix = mode === 'dedicated' ? '/accounts/{accountId}/clusters/{clusterId}' : '';
    beforeAll(async () => {
      influx = await startEmulator({ mode, seed: 'demo' });
      check = validatorFor(mode);
    });
    afterAll(() => influx.close());

    const call = async (method: string, path: string, body?: unknown, token = influx.operatorToken) => {
      const response = await fetch(`${influx.managementUrl}${path}`, {
        method,
        headers: {
          Accept: 'application/json',
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
    };
    const valid = (template: string, method: string, answer: { status: number; body: unknown }) =>
      expect(
        check(`${prefix}${template}`, method, answer.status, answer.body),
        `${method} ${template} ${answer.status}`,
      ).toEqual([]);

    it('is a check that fails: a token without its createdAt, an error without its code', () => {
      const token = { id: '55555555-5555-4555-8555-555555555555', description: 'x', permissions: [] };
      expect(check(`${prefix}/tokens`, 'GET', 200, [token]).join()).toMatch(/createdAt/);
      expect(check(`${prefix}/tokens`, 'GET', 401, { message: 'unauthorized' }).join()).toMatch(/code/);
      expect(check(`${prefix}/tokens/{tokenId}`, 'GET', 200, { ...token, createdAt: 'yesterday' }).join()).toMatch(
        /date-time/,
      );
    });

    it('lists databases and tokens as the spec shapes them', async () => {
      const databases = await call('GET', '/databases');
      expect(databases.status).toBe(200);
      valid('/databases', 'GET', databases);
      const tokens = await call('GET', '/tokens');
      expect(tokens.status).toBe(200);
      valid('/tokens', 'GET', tokens);
      expect((tokens.body as { description: string }[]).map((t) => t.description)).toContain('Old ingest');
    });

    it('creates, reads, changes and revokes a token, each answer valid', async () => {
      const made = await call('POST', '/tokens', {
        description: 'Schema check',
        permissions: [{ action: 'read', resource: 'sensors' }],
        expiresAt: '2030-01-01T00:00:00Z',
      });
      expect(made.status).toBe(200);
      valid('/tokens', 'POST', made);
      const { id, accessToken } = made.body as { id: string; accessToken: string };
      expect(accessToken.length).toBeGreaterThanOrEqual(64);
      valid('/tokens/{tokenId}', 'GET', await call('GET', `/tokens/${id}`));
      const changed = await call('PATCH', `/tokens/${id}`, { permissions: [{ action: 'write', resource: '*' }] });
      expect(changed.status).toBe(200);
      valid('/tokens/{tokenId}', 'PATCH', changed);
      expect(changed.body).toMatchObject({
        description: 'Schema check',
        permissions: [{ action: 'write', resource: '*' }],
      });
      const revoked = await call('DELETE', `/tokens/${id}`);
      expect(revoked.status).toBe(204);
      valid('/tokens/{tokenId}', 'DELETE', revoked);
      expect((await call('GET', `/tokens/${id}`)).body).toMatchObject({ revokedAt: expect.any(String) });
    });

    it('refuses as the spec says: 400, 401, 403, 404, 409, each with its Error body', async () => {
      const bad = await call('POST', '/tokens', { permissions: [] });
      expect(bad.status).toBe(400);
      valid('/tokens', 'POST', bad);
      const badJson = await call('POST', '/tokens', '{not json');
      expect(badJson.status).toBe(400);
      const noToken = await call('GET', '/tokens', undefined, '');
      expect(noToken.status).toBe(401);
      valid('/tokens', 'GET', noToken);
      const wrong = await call('GET', '/tokens', undefined, 'not-a-management-token');
      expect(wrong.status).toBe(401);
      const limited = influx.state.cluster.addManagementToken(false);
      const forbidden = await call('GET', '/tokens', undefined, limited);
      expect(forbidden.status).toBe(403);
      valid('/tokens', 'GET', forbidden);
      const missing = await call('GET', '/tokens/00000000-0000-4000-8000-000000000000');
      expect(missing.status).toBe(404);
      valid('/tokens/{tokenId}', 'GET', missing);
      const notUuid = await call('PATCH', '/tokens/nope', { description: 'x' });
      expect(notUuid.status).toBe(400);
      valid('/tokens/{tokenId}', 'PATCH', notUuid);
      const emptyPatch = await call('PATCH', `/tokens/${influx.seed.cluster?.['grafana']?.token.id}`, {});
      expect(emptyPatch.status).toBe(400);
      const revokedId = influx.seed.cluster?.['revoked']?.token.id;
      const conflict = await call('PATCH', `/tokens/${revokedId}`, { description: 'again' });
      expect(conflict.status).toBe(409);
      expect(conflict.body).toEqual({ code: 409, message: 'conflict' });
      const again = await call('DELETE', `/tokens/${revokedId}`);
      expect(again.status).toBe(404);
      valid('/tokens/{tokenId}', 'DELETE', again);
    });

    it('lets a new token work on the data endpoint only once active, and never once revoked or expired', async () => {
      influx.state.cluster.activationMs = 400;
      const made = (
        await call('POST', '/tokens', { description: 'slow', permissions: [{ action: 'read', resource: 'sensors' }] })
      ).body as { id: string; accessToken: string };
      const query = () =>
        fetch(`${influx.url}/query?db=sensors&q=SHOW%20MEASUREMENTS`, {
          headers: { Authorization: `Token ${made.accessToken}` },
        }).then((r) => r.status);
      expect(await query()).toBe(401);
      await new Promise((resolve) => setTimeout(resolve, 450));
      expect(await query()).toBe(200);
      const write = await fetch(`${influx.url}/api/v2/write?bucket=sensors`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${made.accessToken}` },
        body: '',
      });
      expect(write.status).toBe(403);
      await call('DELETE', `/tokens/${made.id}`);
      expect(await query()).toBe(401);
      const expired = influx.seed.cluster?.['expired']?.value ?? '';
      const late = await fetch(`${influx.url}/api/v2/write?bucket=metrics`, {
        method: 'POST',
        headers: { Authorization: `Token ${expired}` },
        body: '',
      });
      expect(late.status).toBe(401);
      influx.state.cluster.activationMs = 0;
    });
  });
}
