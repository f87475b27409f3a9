import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { VaultEntrySummary } from '$contract/vault';
import NotesDialog from '../../renderer/src/components/vault/NotesDialog.svelte';
import PassphraseDialog from '../../renderer/src/components/vault/PassphraseDialog.svelte';
import { bridge } from './bridge';

describe('the passphrase dialog', () => {
  it('asks for 8 characters, sends the passphrase with the key-store choice, and reports success', async () => {
    const ondone = vi.fn();
    bridge.value('setVaultPassphrase', { mode: 'passphrase', locked: false, alsoOsKeyStore: false } as never);
    render(PassphraseDialog, { props: { changing: false, osKeyStoreAvailable: false, onclose: vi.fn(), ondone } });
    const submit = screen.getByRole('button', { name: 'Set passphrase' }) as HTMLButtonElement;
    await fireEvent.input(screen.getByLabelText('New passphrase (at least 8 characters)'), {
      target: { value: 'short' },
    });
    expect(submit.disabled).toBe(true);
    expect(
      (screen.getByRole('checkbox', { name: 'Also seal with the OS key store' }) as HTMLInputElement).disabled,
    ).toBe(true);
    await fireEvent.input(screen.getByLabelText('New passphrase (at least 8 characters)'), {
      target: { value: 'correct horse battery' },
    });
    await fireEvent.click(submit);
    await waitFor(() => expect(ondone).toHaveBeenCalledWith('The vault is now protected by your passphrase.'));
    expect(bridge.calls).toEqual([
      { name: 'setVaultPassphrase', args: { passphrase: 'correct horse battery', alsoOsKeyStore: false } },
    ]);
  });

  it('shows main’s refusal in the dialog and stays open', async () => {
    const ondone = vi.fn();
    bridge.fail('setVaultPassphrase', 'VAULT_LOCKED', 'The vault is locked. Unlock it with its passphrase first.');
    render(PassphraseDialog, { props: { changing: true, osKeyStoreAvailable: true, onclose: vi.fn(), ondone } });
    expect(screen.getByRole('heading').textContent).toBe('Change the vault passphrase');
    await fireEvent.input(screen.getByLabelText('New passphrase (at least 8 characters)'), {
      target: { value: 'correct horse battery' },
    });
    await fireEvent.click(screen.getByRole('button', { name: 'Set passphrase' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('The vault is locked. Unlock it with its passphrase first.'),
    );
    expect(ondone).not.toHaveBeenCalled();
  });
});

describe('the notes dialog', () => {
  it('edits its own copy and saves labels as a trimmed list', async () => {
    const entry = {
      id: '11111111-1111-4111-8111-111111111111',
      description: 'Grafana',
      authorizationId: '0000000000000001',
      notes: 'old',
      labels: ['a'],
    } as VaultEntrySummary;
    const ondone = vi.fn();
    bridge.value('updateVaultEntry', entry);
    render(NotesDialog, { props: { entry, onclose: vi.fn(), ondone } });
    await fireEvent.input(screen.getByLabelText('Labels (comma-separated)'), {
      target: { value: ' grafana , , prod ' },
    });
    await fireEvent.click(screen.getByRole('button', { name: 'Save notes' }));
    await waitFor(() => expect(ondone).toHaveBeenCalled());
    expect(bridge.calls).toEqual([
      { name: 'updateVaultEntry', args: { id: entry.id, notes: 'old', labels: ['grafana', 'prod'] } },
    ]);
    expect(entry.labels).toEqual(['a']);
  });
});
