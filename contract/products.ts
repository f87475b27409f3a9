import type { FamilyId } from './families';

/**
 * One profile per InfluxDB product: what it has, in one place that services and screens ask,
 * instead of comparing build names where a difference shows. Plain data, no zod: the renderer reads it.
 */
export interface ProductProfile {
  /** How people name it; the version follows where known. */
  label: string;
  /** Operator tokens (every permission in every org) exist. */
  operatorTokens: boolean;
  /** Token values come back on every read on some versions (OSS ≤ 2.7): values can be captured. */
  valuesMayBeReadable: boolean;
  /** A token may read its own permissions through the list's `token` filter instead of probing. */
  selfPermissionsByTokenFilter: boolean;
  /** The version is reported (ping headers or /health); Cloud reports none. */
  reportsVersion: boolean;
  /** v1-compatibility credentials (username/password for 1.x clients) can be managed. */
  v1Credentials: boolean;
  /** Users, their passwords and org memberships can be made through the API (service users). */
  serviceUsers: boolean;
  /** The credential family that manages it (main/families/): which check, lists and tabs it has. */
  family: FamilyId;
  /** InfluxDB 3 Enterprise: database and system tokens besides admin tokens. */
  resourceTokens: boolean;
  /** What goes before the version where the label would say it twice ("InfluxDB 1.6.7", not "1.x 1.6.7"). */
  versionLabel?: string;
}

/** Cloud Dedicated and Clustered have the same profile: database tokens through a Management API. */
function clusterProfile(label: string) {
  return {
    label,
    operatorTokens: false,
    valuesMayBeReadable: false,
    selfPermissionsByTokenFilter: false,
    reportsVersion: false,
    v1Credentials: false,
    serviceUsers: false,
    family: 'cluster',
    resourceTokens: false,
  } as const satisfies ProductProfile;
}

export const productProfiles = {
  oss: {
    label: 'InfluxDB OSS',
    operatorTokens: true,
    valuesMayBeReadable: true,
    selfPermissionsByTokenFilter: false,
    reportsVersion: true,
    v1Credentials: true,
    serviceUsers: true,
    family: 'v2',
    resourceTokens: false,
  },
  cloud: {
    label: 'InfluxDB Cloud',
    operatorTokens: false,
    valuesMayBeReadable: false,
    selfPermissionsByTokenFilter: true,
    reportsVersion: false,
    v1Credentials: false,
    serviceUsers: false,
    family: 'v2',
    resourceTokens: false,
  },
  'v3-core': {
    label: 'InfluxDB 3 Core',
    operatorTokens: true,
    valuesMayBeReadable: false,
    selfPermissionsByTokenFilter: false,
    reportsVersion: true,
    v1Credentials: false,
    serviceUsers: false,
    family: 'v3',
    resourceTokens: false,
  },
  'v3-enterprise': {
    label: 'InfluxDB 3 Enterprise',
    operatorTokens: true,
    valuesMayBeReadable: false,
    selfPermissionsByTokenFilter: false,
    reportsVersion: true,
    v1Credentials: false,
    serviceUsers: false,
    family: 'v3',
    resourceTokens: true,
  },
  influxdb1: {
    label: 'InfluxDB 1.x',
    operatorTokens: false,
    valuesMayBeReadable: false,
    selfPermissionsByTokenFilter: false,
    reportsVersion: true,
    v1Credentials: false,
    serviceUsers: false,
    family: 'influx1',
    resourceTokens: false,
    versionLabel: 'InfluxDB',
  },
  // Managed through the Management API, never recognised from /ping: their URL says which (cluster-address.ts).
  dedicated: clusterProfile('InfluxDB Cloud Dedicated'),
  clustered: clusterProfile('InfluxDB Clustered'),
} as const satisfies Record<string, ProductProfile>;

export type ProductKind = keyof typeof productProfiles;

export function productProfile(product: ProductKind): ProductProfile {
  return productProfiles[product];
}

/**
 * The product a server is, from its `X-Influxdb-Build` and `-Version` headers: InfluxDB 3 sends a
 * bare `3.x` version with build Core or Enterprise (1.x Enterprise also says Enterprise, with 1.x).
 */
export function productOfBuild(build: string | null | undefined, version?: string | null): ProductKind {
  const name = build?.toLowerCase();
  if (version && /^v?1\./.test(version)) return 'influxdb1';
  if (version && /^3\./.test(version)) return name === 'enterprise' ? 'v3-enterprise' : 'v3-core';
  return name === 'cloud' ? 'cloud' : 'oss';
}

/** "InfluxDB OSS v2.7.11", "InfluxDB Cloud". */
export function productName(product: ProductKind, version: string | null): string {
  const { label, reportsVersion, versionLabel } = productProfile(product);
  return reportsVersion && version ? `${versionLabel ?? label} ${version}` : label;
}
