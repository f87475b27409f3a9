import { describe, expect, it } from 'vitest';
import { productName, productOfBuild, productProfile } from '$contract/products';
import { kindsOf, tokenKindIds, tokenKinds } from '$contract/token-kinds';
import { tokenSpecSchema } from '$contract/token-schemas';
import { cliEquivalent } from '../../main/influx/equivalents';

describe('the product profiles', () => {
  it('tell OSS from Cloud by the build header, whatever its case', () => {
    expect(productOfBuild('Cloud')).toBe('cloud');
    expect(productOfBuild('OSS')).toBe('oss');
    expect(productOfBuild(null)).toBe('oss');
  });

  it('name the product with its version only where one is reported', () => {
    expect(productName('oss', 'v2.7.12')).toBe('InfluxDB OSS v2.7.12');
    expect(productName('oss', null)).toBe('InfluxDB OSS');
    expect(productName('cloud', 'v2.0')).toBe('InfluxDB Cloud');
    expect(productProfile('cloud').operatorTokens).toBe(false);
  });
});

describe('the token kinds table', () => {
  it('offers operator tokens only where the product has them', () => {
    expect(kindsOf('oss')).toEqual(['read-write', 'all-access', 'operator', 'custom']);
    expect(kindsOf('cloud')).not.toContain('operator');
  });

  it('has an argument schema for every kind and one label spelling', () => {
    for (const kind of tokenKindIds) {
      const sample =
        kind === 'read-write'
          ? { kind, read: { all: true, ids: [] }, write: { all: false, ids: [] } }
          : kind === 'custom'
            ? { kind, permissions: [{ action: 'read', type: 'buckets' }] }
            : { kind };
      expect(tokenSpecSchema.safeParse(sample).success, kind).toBe(true);
    }
    expect(tokenKinds['all-access'].label).toBe('All access');
  });

  it('gives the CLI equivalent the flag of kinds the CLI makes whole', () => {
    const token = {
      orgID: '0000000000000001',
      userName: 'ops',
      description: '',
      permissions: [],
      status: 'active' as const,
    };
    expect(cliEquivalent({ ...token, kind: 'operator' }).command).toContain('--operator');
    expect(cliEquivalent({ ...token, kind: 'all-access' }).command).toContain('--all-access');
    expect(cliEquivalent({ ...token, kind: 'custom' }).command).not.toMatch(/--operator|--all-access/);
  });
});
