/**
 * The credential families, as the renderer needs to know them: which tabs a product's connection
 * shows, and, for a tab it lacks, why (said on its Connection tab). Main registers each family's
 * check and services in main/families/; this is the plain data both sides read. No zod.
 */
import { productProfile, type ProductKind, type ProductProfile } from './products';

export const familyIds = ['v2', 'v3', 'influx1', 'cluster'] as const;
export type FamilyId = (typeof familyIds)[number];

/** Each list a family shows, by the name of its panel in the renderer (renderer/src/lib/panels.ts). */
export type PanelId = 'v2-tokens' | 'v2-users' | 'v2-v1' | 'v3-tokens' | 'influx1-users' | 'cluster-tokens';

export interface TabInfo {
  /** Stable across products, so a person switching connections stays on "Users". */
  id: 'tokens' | 'users' | 'v1';
  label: string;
  panel: PanelId;
  /** Shown only on products whose profile says so. */
  requires?: keyof ProductProfile;
}

export interface FamilyInfo {
  tabs: readonly TabInfo[];
  /** What the connection logs in with, as its Connection tab names it. */
  credential: string;
  /** Credentials that never expire get review dates from a per-connection policy: how it is worded here. */
  review: { intro: string; writes: string; others: string } | null;
  /** Where the team history goes on this family ("bucket", "database") and what setup makes; null: it cannot. */
  teamHistory: { holds: string; makes: string } | null;
}

export const families = {
  v2: {
    tabs: [
      { id: 'tokens', label: 'Tokens', panel: 'v2-tokens' },
      { id: 'users', label: 'Users', panel: 'v2-users' },
      { id: 'v1', label: 'v1 credentials', panel: 'v2-v1', requires: 'v1Credentials' },
    ],
    credential: 'API token',
    review: {
      intro:
        'InfluxDB 2.x tokens never expire. New tokens get a review date from this policy (it can be changed per ' +
        'token); the list and the sidebar show what is due. Nothing is deactivated automatically.',
      writes: 'Tokens that write',
      others: 'Other tokens',
    },
    teamHistory: {
      holds: 'bucket',
      makes:
        'the bucket (in the connection’s organization), a DBRP mapping to read it back, the service user ' +
        'token-desk-history where the server has service users, and a token that may read and write only that ' +
        'bucket, kept in the vault',
    },
  },
  // InfluxDB 3 tokens carry an expiry of their own.
  v3: {
    tabs: [{ id: 'tokens', label: 'Tokens', panel: 'v3-tokens' }],
    credential: 'Token',
    review: null,
    teamHistory: {
      holds: 'database',
      makes:
        'the database and, on Enterprise, a database token that may read and write only it, kept in the vault ' +
        '(Core has only admin tokens: there the connection’s own token writes)',
    },
  },
  influx1: {
    tabs: [{ id: 'users', label: 'Users', panel: 'influx1-users' }],
    credential: 'Username and password',
    review: {
      intro:
        'InfluxDB 1.x passwords never expire. New users and new passwords get a review date from this policy (it ' +
        'can be changed per user); the list and the sidebar show what is due. Nothing is changed automatically.',
      writes: 'Users that write (and admins)',
      others: 'Users that only read',
    },
    teamHistory: {
      holds: 'database',
      makes: 'the database and a user of this desk’s own with READ and WRITE on it only, its password in the vault',
    },
  },
  cluster: {
    tabs: [{ id: 'tokens', label: 'Database tokens', panel: 'cluster-tokens' }],
    credential: 'Management token',
    review: {
      intro:
        'A database token made without an expiry never expires. New ones get a review date from this policy (it ' +
        'can be changed per token); the list and the sidebar show what is due. Nothing is revoked automatically.',
      writes: 'Tokens that write',
      others: 'Tokens that only read',
    },
    teamHistory: null,
  },
} as const satisfies Record<FamilyId, FamilyInfo>;

/** What a product lacks that people look for, and what to do instead: shown where the tab would be. */
export const absentTabs: Partial<Record<ProductKind, readonly { title: string; text: string }[]>> = {
  cloud: [
    {
      title: 'InfluxDB Cloud has no v1 credentials',
      text:
        "1.x clients (Grafana's InfluxQL data source, older Telegraf outputs, scripts using /query and /write) " +
        "log in to Cloud with your account's email address as the username and an API token as the password, " +
        'or send Authorization: Token …. Generate a token for them on the Tokens tab; its value is kept in the vault.',
    },
  ],
  'v3-core': [
    {
      title: 'InfluxDB 3 has no users',
      text:
        'Its tokens belong to no one, so no token stops working when a person leaves: what matters is who ' +
        'holds each token and when it expires.',
    },
    {
      title: 'InfluxDB 3 has no v1 credentials',
      text:
        '1.x clients send an InfluxDB 3 token as the password (the username is ignored), or Authorization: ' +
        'Token. Create a database token for them on the Tokens tab.',
    },
  ],
  influxdb1: [
    {
      title: 'InfluxDB 1.x has no API tokens',
      text:
        'Its credentials are users with passwords, an admin flag and privileges per database: manage them on ' +
        'the Users tab.',
    },
  ],
};
absentTabs['v3-enterprise'] = absentTabs['v3-core'];
absentTabs.dedicated = [
  {
    title: 'No users here',
    text:
      'People sign in through the identity provider (influxctl, the Admin UI); the Management API manages ' +
      'databases and database tokens only.',
  },
  {
    title: 'No v1 credentials',
    text:
      '1.x clients send a database token as the password (the username is ignored), or Authorization: Token. ' +
      'Create a database token for them on the Database tokens tab.',
  },
];
absentTabs.clustered = absentTabs.dedicated;

export const familyOf = (product: ProductKind): FamilyInfo => families[productProfile(product).family];

/** The tabs a connection of this product shows, in order. */
export function tabsOf(product: ProductKind): readonly TabInfo[] {
  const profile = productProfile(product);
  const tabs: readonly TabInfo[] = families[profile.family].tabs;
  return tabs.filter((t) => !t.requires || profile[t.requires] === true);
}
