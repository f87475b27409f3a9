import { describe, expect, it } from 'vitest';
import { TokenDeskError } from '$contract/errors';
import { assessSecretStore } from '../../main/secrets/secret-box';
import { createTestSecretBox } from '../support/test-secret-box';

describe('secret store availability', () => {
  it.each(['basic_text', 'unknown'])('counts Linux %s as not available even when Electron can encrypt', (backend) => {
    const status = assessSecretStore(backend, true);
    expect(status.available).toBe(false);
    expect(status.summary).not.toMatch(/encrypted with a key kept in/);
  });

  it.each([
    ['gnome_libsecret', /Secret Service/],
    ['kwallet6', /KWallet 6/],
    ['keychain', /macOS Keychain/],
    ['dpapi', /DPAPI/],
  ])('counts %s as available and names it', (backend, named) => {
    const status = assessSecretStore(backend, true);
    expect(status.available).toBe(true);
    expect(status.summary).toMatch(named);
  });

  it('is not available when Electron cannot encrypt at all', () => {
    expect(assessSecretStore('gnome_libsecret', false).available).toBe(false);
  });

  it('refuses to encrypt with basic_text, with an error a person can act on', async () => {
    const box = createTestSecretBox({ backend: 'basic_text' });
    const thrown = await box.encrypt('a token value').catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(TokenDeskError);
    expect((thrown as TokenDeskError).code).toBe('SECRET_STORE_UNAVAILABLE');
    expect((thrown as TokenDeskError).message).toMatch(/Install and unlock a keyring/);
  });

  it('round-trips non-ASCII values and never stores them in clear', async () => {
    const box = createTestSecretBox();
    const secret = 'tökén-☃-' + 'x'.repeat(80) + '==';
    const cipher = await box.encrypt(secret);
    expect(Buffer.from(cipher).toString('utf8')).not.toContain('tökén');
    await expect(box.decrypt(cipher)).resolves.toEqual({ value: secret, shouldReEncrypt: false });
  });

  it('rejects ciphertext that was tampered with', async () => {
    const box = createTestSecretBox();
    const cipher = Buffer.from(await box.encrypt('value'));
    cipher[cipher.length - 1] = (cipher[cipher.length - 1] ?? 0) ^ 1;
    await expect(box.decrypt(cipher)).rejects.toThrow();
  });
});
