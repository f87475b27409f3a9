import { describe, expect, it } from 'vitest';
import { resolveAppFile } from '../../main/security/app-files';
import { createSenderPolicy } from '../../main/security/sender-policy';
import { contentSecurityPolicy, isAllowedExternalUrl } from '../../main/security/web-policy';

describe('web policy', () => {
  it('allows no network and no inline code in production', () => {
    const csp = contentSecurityPolicy('production');
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });

  it.each([
    ['https://docs.influxdata.com/influxdb/v2/admin/tokens/', true],
    ['http://docs.influxdata.com/', false],
    ['https://docs.influxdata.com.evil.example/', false],
    ['https://user:pw@github.com/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('opens %s in the browser: %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed);
  });

  it('trusts only the app origin as an IPC sender', () => {
    const policy = createSenderPolicy(['app://token-desk', 'http://127.0.0.1:5173']);
    expect(policy.isTrusted('app://token-desk/index.html#/about')).toBe(true);
    expect(policy.isTrusted('http://127.0.0.1:5173/')).toBe(true);
    expect(policy.isTrusted('http://127.0.0.1:5174/')).toBe(false);
    expect(policy.isTrusted('app://token-desk.evil/index.html')).toBe(false);
  });
});

describe('serving the renderer', () => {
  const root = '/srv/renderer';
  it('maps / to index.html and assets by path', () => {
    expect(resolveAppFile(root, '/')).toEqual({
      path: '/srv/renderer/index.html',
      contentType: 'text/html; charset=utf-8',
    });
    expect(resolveAppFile(root, '/assets/index-1.js?v=2')?.path).toBe('/srv/renderer/assets/index-1.js');
  });

  it.each(['/../secret.js', '/%2e%2e/%2e%2e/etc/passwd.js', '/assets/%00.js', '/notes.txt', '/%E0%A4%A'])(
    'refuses %s',
    (path) => {
      expect(resolveAppFile(root, path)).toBeNull();
    },
  );
});
