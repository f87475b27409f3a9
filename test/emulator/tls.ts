/**
 * Certificates for the emulator's TLS mode: a throw-away CA and a server certificate it signs, so a
 * test can trust the CA or not, and ask for an expired certificate or one for another host name.
 */
// @peculiar/x509 2 needs a Reflect metadata polyfill loaded before it.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';

export interface TlsOptions {
  /** The name the certificate is issued for (default: 127.0.0.1 and localhost). */
  hostname?: string;
  expired?: boolean;
}

export interface TlsMaterial {
  key: string;
  cert: string;
  /** The CA's certificate, for a client that should trust the emulator. */
  ca: string;
}

const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

function pem(label: string, der: ArrayBuffer): string {
  const body = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

export async function createTlsMaterial(options: TlsOptions = {}): Promise<TlsMaterial> {
  const crypto = webcrypto as unknown as Crypto;
  x509.cryptoProvider.set(crypto);
  const day = 86_400_000;
  const now = Date.now();
  const caKeys = await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=Token Desk Test CA',
    notBefore: new Date(now - day),
    notAfter: new Date(now + 30 * day),
    keys: caKeys,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true),
    ],
  });
  const serverKeys = await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const names = options.hostname
    ? [
        /^[\d.]+$/.test(options.hostname)
          ? { type: 'ip' as const, value: options.hostname }
          : { type: 'dns' as const, value: options.hostname },
      ]
    : [
        { type: 'ip' as const, value: '127.0.0.1' },
        { type: 'dns' as const, value: 'localhost' },
      ];
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: '02',
    subject: `CN=${options.hostname ?? 'localhost'}`,
    issuer: ca.subject,
    notBefore: new Date(now - (options.expired ? 10 : 1) * day),
    notAfter: new Date(now + (options.expired ? -2 : 30) * day),
    signingKey: caKeys.privateKey,
    publicKey: serverKeys.publicKey,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.SubjectAlternativeNameExtension(names),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
    ],
  });
  return {
    key: pem('PRIVATE KEY', await crypto.subtle.exportKey('pkcs8', serverKeys.privateKey)),
    cert: cert.toString('pem'),
    ca: ca.toString('pem'),
  };
}
