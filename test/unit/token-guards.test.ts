import { describe, expect, it } from 'vitest';
import type { TokenRow } from '$contract/tokens';
import { labelSaysProduction } from '$contract/connections';
import { guardsFor } from '../../renderer/src/lib/token-guards';

const row = (id: string, extra: Partial<TokenRow> = {}): TokenRow =>
  ({ id, kind: 'custom', status: 'active', description: id, ...extra }) as TokenRow;
const rows = [
  row('op1', { kind: 'operator' }),
  row('op2', { kind: 'operator' }),
  row('op3', { kind: 'operator', status: 'inactive' }),
  row('t1'),
  row('t2'),
];
const context = {
  connectionName: 'Staging',
  production: false,
  selfTokenId: 'op1',
  rows,
  dependents: { t2: [{ kind: 'telegraf' as const, id: 'c', name: 'host-metrics', effect: '' }] },
};

describe('the guards of destructive token changes', () => {
  it('ask first when what uses a token could not be read, never taking it for nothing', () => {
    expect(guardsFor([rows[3]!], context).needsConfirm).toBe(false);
    const blind = guardsFor([rows[3]!], { ...context, dependentsUnread: ['tasks of ops: emulated 500'] });
    expect(blind).toMatchObject({ needsConfirm: true, unread: ['tasks of ops: emulated 500'] });
  });

  it('refuse the last active operator token unless the name is typed, counting every one the change takes', () => {
    expect(guardsFor([rows[1]!], context).lastOperator).toBe(false);
    expect(guardsFor([rows[0]!, rows[1]!], context)).toMatchObject({ lastOperator: true, mustType: true });
    expect(guardsFor([rows[2]!], context).lastOperator).toBe(false);
  });

  it('name the connection’s own token and what uses a token', () => {
    expect(guardsFor([rows[0]!], context).self?.id).toBe('op1');
    const g = guardsFor([rows[3]!, rows[4]!], context);
    expect(g.dependents.map((d) => `${d.token.id}:${d.uses[0]?.name}`)).toEqual(['t2:host-metrics']);
    expect(g.needsConfirm).toBe(true);
    expect(guardsFor([rows[3]!], context).needsConfirm).toBe(false);
  });

  it('ask for the name on production connections', () => {
    expect(guardsFor([rows[3]!], { ...context, production: true })).toMatchObject({
      production: true,
      mustType: true,
      needsConfirm: true,
    });
  });

  it('take a connection saved before the setting for production when its label says so', () => {
    const labels = ['prod', 'EU prod', 'prd', 'live', 'prod1', 'Production', 'staging', 'lively', 'reproduce', ''];
    expect(labels.filter(labelSaysProduction)).toEqual(['prod', 'EU prod', 'prd', 'live', 'prod1', 'Production']);
  });
});
