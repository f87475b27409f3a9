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
  /** Its short name where rows of many products meet (the overview, search): "OSS", "3 Core". */
  chip: string;
}

/** Cloud Dedicated and Clustered have the same profile: database tokens through a Management API. */
function clusterProfile(label: string, chip: string) {
  return {
    label,
    chip,
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
    chip: 'OSS',
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
    chip: 'Cloud',
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
    chip: '3 Core',
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
    chip: '3 Enterprise',
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
    chip: '1.x',
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
  dedicated: clusterProfile('InfluxDB Cloud Dedicated', 'Dedicated'),
  clustered: clusterProfile('InfluxDB Clustered', 'Clustered'),
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

/** "OSS 2.7", "Cloud", "3 Enterprise", "1.x": OSS carries its minor version, where upgrades change what it does. */
export function productChip(product: ProductKind, version: string | null): string {
  const { chip } = productProfile(product);
  const minor = product === 'oss' ? /^v?(\d+\.\d+)/.exec(version ?? '')?.[1] : undefined;
  return minor ? `${chip} ${minor}` : chip;
}
