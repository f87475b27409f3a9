import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { TokenRow } from '$contract/tokens';
import BucketPermissions from '../../renderer/src/components/generate/BucketPermissions.svelte';
import BulkBar from '../../renderer/src/components/tokens/BulkBar.svelte';
import GuardedConfirm from '../../renderer/src/components/tokens/GuardedConfirm.svelte';
import { guardsFor } from '../../renderer/src/lib/token-guards';
import { BulkRun } from '../../renderer/src/lib/bulk.svelte';
import { buildSpec, emptyPicks } from '../../renderer/src/lib/token-spec';
import { reactive } from './reactive.svelte';

const token = (id: string, description: string) => ({ id, description }) as TokenRow;

describe('the bulk bar', () => {
  it('offers the actions for a selection and says how many are selected', async () => {
    const calls = { activate: vi.fn(), deactivate: vi.fn(), delete: vi.fn(), clear: vi.fn() };
    render(BulkBar, {
      props: {
        count: 3,
        run: null,
        onactivate: calls.activate,
        ondeactivate: calls.deactivate,
        ondelete: calls.delete,
        onclear: calls.clear,
        ondismiss: vi.fn(),
      },
    });
    const bar = screen.getByRole('toolbar', { name: 'Selected tokens' });
    expect(bar.textContent).toContain('3 selected');
    await fireEvent.click(screen.getByRole('button', { name: 'Delete…' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Clear selection' }));
    expect([calls.delete.mock.calls.length, calls.clear.mock.calls.length, calls.activate.mock.calls.length]).toEqual([
      1, 1, 0,
    ]);
  });

  it('shows progress, then a result for each failed item, and hides the bar without a selection', async () => {
    const run = new BulkRun<TokenRow>('deactivate', 3);
    await run.run([token('a', 'Sensors writer'), token('b', 'Grafana'), token('c', '')], async (row) => {
      if (row.id === 'b') throw new Error('This token no longer exists on the server: it was deleted meanwhile.');
    });
    render(BulkBar, {
      props: {
        count: 0,
        run,
        onactivate: vi.fn(),
        ondeactivate: vi.fn(),
        ondelete: vi.fn(),
        onclear: vi.fn(),
        ondismiss: vi.fn(),
      },
    });
    expect(screen.queryByRole('toolbar', { name: 'Selected tokens' })).toBeNull();
    expect(screen.getByRole('progressbar').getAttribute('value')).toBe('3');
    expect(screen.getByRole('status').textContent).toBe('2 of 3 done, 1 failed:');
    expect(screen.getByRole('listitem').textContent).toBe(
      'Grafana: This token no longer exists on the server: it was deleted meanwhile.',
    );
  });
});

describe('the guarded confirmation', () => {
  it('names one token, counts many, hands over exactly the targets, and waits for the name on production', async () => {
    const onconfirm = vi.fn();
    const connection = { id: 'c1', name: 'Staging', environment: { label: 'staging' } };
    const guards = (targets: TokenRow[], production = false) =>
      guardsFor(targets, {
        connectionName: 'Staging',
        production,
        selfTokenId: null,
        rows: targets,
        dependents: {},
      });
    const one = [token('a', 'Sensors writer')];
    const { unmount } = render(GuardedConfirm, {
      props: {
        action: 'delete',
        targets: one,
        guards: guards(one),
        connection,
        onconfirm,
        oninstead: vi.fn(),
        oncancel: vi.fn(),
      },
    });
    expect(screen.getByRole('heading').textContent).toBe('Delete “Sensors writer”?');
    await fireEvent.click(screen.getByRole('button', { name: 'Delete token' }));
    expect(onconfirm).toHaveBeenCalledWith([token('a', 'Sensors writer')]);
    unmount();
    const two = [token('a', 'x'), token('b', '')];
    render(GuardedConfirm, {
      props: {
        action: 'deactivate',
        targets: two,
        guards: guards(two, true),
        connection: { ...connection, environment: { label: 'eu' } },
        onconfirm: vi.fn(),
        oninstead: vi.fn(),
        oncancel: vi.fn(),
      },
    });
    expect(screen.getByRole('heading').textContent).toBe('Deactivate 2 tokens?');
    const confirm = screen.getByRole('button', { name: 'Deactivate 2 tokens' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    const name = screen.getByRole('textbox', { name: /This is a production connection\. To go on, type “Staging”/ });
    await fireEvent.input(name, { target: { value: 'staging' } });
    expect(screen.getByRole('note').textContent?.trim()).toBe(
      'Almost: the capitals differ. Type the name exactly as shown.',
    );
    expect(confirm.disabled).toBe(true);
    await fireEvent.input(name, { target: { value: 'Staging' } });
    expect(confirm.disabled).toBe(false);
  });
});

describe('the guard of the last operator token and of a token that may be the connection’s', () => {
  const connection = { id: 'c1', name: 'Lab', environment: { label: '' } };
  const operator = { ...token('op', 'Setup token'), kind: 'operator', status: 'active' } as TokenRow;
  const spare = { ...token('sp', 'Spare'), kind: 'all-access', status: 'active' } as TokenRow;

  it('offers to deactivate instead of deleting, once the name is typed, and hands over the targets', async () => {
    const oninstead = vi.fn();
    const onconfirm = vi.fn();
    const guards = guardsFor([operator], {
      connectionName: 'Lab',
      production: false,
      selfTokenId: null,
      rows: [operator, spare],
      dependents: {},
    });
    render(GuardedConfirm, {
      props: { action: 'delete', targets: [operator], guards, connection, onconfirm, oninstead, oncancel: vi.fn() },
    });
    const instead = screen.getByRole('button', { name: 'Deactivate instead' }) as HTMLButtonElement;
    expect(instead.disabled).toBe(true);
    await fireEvent.input(screen.getByRole('textbox', { name: /type “Lab”/ }), { target: { value: 'Lab' } });
    await fireEvent.click(instead);
    expect(oninstead).toHaveBeenCalledWith([operator]);
    expect(onconfirm).not.toHaveBeenCalled();
  });

  it('asks before a token that may be the connection’s own, and says why; a ruled-out one runs at once', () => {
    const context = {
      connectionName: 'Lab',
      production: false,
      selfTokenId: null,
      selfCandidates: ['op', 'sp'],
      rows: [operator, spare],
      dependents: {},
    };
    const maybe = guardsFor([spare], context);
    expect(maybe.needsConfirm).toBe(true);
    expect(guardsFor([spare], { ...context, selfCandidates: ['op'] }).needsConfirm).toBe(false);
    // Once the connection's own token is known, the others are no longer guarded as maybe it.
    expect(guardsFor([spare], { ...context, selfTokenId: 'op' }).maybeSelf).toEqual([]);
    render(GuardedConfirm, {
      props: {
        action: 'deactivate',
        targets: [spare],
        guards: maybe,
        connection,
        onconfirm: vi.fn(),
        oninstead: vi.fn(),
        oncancel: vi.fn(),
      },
    });
    expect(screen.getByRole('note').textContent).toContain('“Spare” may be the token this connection uses');
    expect(screen.queryByRole('button', { name: 'Deactivate instead' })).toBeNull();
  });
});

describe('the bucket picker', () => {
  const buckets = [
    { id: 'b000000000000001', name: 'sensors' },
    { id: 'b000000000000002', name: 'logs' },
  ];

  it('filters buckets by name and turns ticks into a read/write spec', async () => {
    const picks = reactive(emptyPicks());
    render(BucketPermissions, { props: { buckets, picks } });
    await fireEvent.input(screen.getByRole('searchbox', { name: 'Filter buckets' }), { target: { value: 'sen' } });
    expect(screen.queryByRole('checkbox', { name: 'Read logs' })).toBeNull();
    await fireEvent.click(screen.getByRole('checkbox', { name: 'Write sensors' }));
    expect(buildSpec(picks, null)).toEqual({
      kind: 'read-write',
      read: { all: false, ids: [] },
      write: { all: false, ids: ['b000000000000001'] },
    });
  });
});
