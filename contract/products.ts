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
}

export const productProfiles = {
  oss: { label: 'InfluxDB OSS', operatorTokens: true, valuesMayBeReadable: true, selfPermissionsByTokenFilter: false, reportsVersion: true, v1Credentials: true, serviceUsers: true },
  cloud: { label: 'InfluxDB Cloud', operatorTokens: false, valuesMayBeReadable: false, selfPermissionsByTokenFilter: true, reportsVersion: false, v1Credentials: false, serviceUsers: false },
} as const satisfies Record<string, ProductProfile>;

export type ProductKind = keyof typeof productProfiles;

export function productProfile(product: ProductKind): ProductProfile {
  return productProfiles[product];
}

/** The product an InfluxDB 2 API server is, from its `X-Influxdb-Build` header. */
export function productOfBuild(build: string | null | undefined): ProductKind {
  return build?.toLowerCase() === 'cloud' ? 'cloud' : 'oss';
}

/** "InfluxDB OSS v2.7.11", "InfluxDB Cloud". */
export function productName(product: ProductKind, version: string | null): string {
  const { label, reportsVersion } = productProfile(product);
  return reportsVersion && version ? `${label} ${version}` : label;
}
