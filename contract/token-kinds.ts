/**
 * One descriptor per kind of token the Generate dialog makes: its label and help, the products that
 * have it, and the `influx auth create` flag that makes it. The contract's types, the dialog, the
 * list's filter and the CLI equivalent all read this table; main adds each kind's permission builder
 * (main/influx/token-kinds.ts) and each kind's argument schema is in token-schemas.ts. These are the
 * 2.x and Cloud family's kinds; InfluxDB 3's are in v3-tokens.ts.
 */
import type { ProductKind } from './products';

export interface TokenKindInfo {
  label: string;
  help: string;
  products: readonly ProductKind[];
  /** The CLI flag that grants the whole set, or null when the CLI lists permissions one by one. */
  cliFlag: string | null;
}

export const tokenKinds = {
  'read-write': {
    label: 'Read/Write',
    help: 'Read and write chosen buckets.',
    products: ['oss', 'cloud'],
    cliFlag: null,
  },
  'all-access': {
    label: 'All access',
    help: 'Everything in the organization.',
    products: ['oss', 'cloud'],
    cliFlag: '--all-access',
  },
  operator: { label: 'Operator', help: 'Everything, in every organization.', products: ['oss'], cliFlag: '--operator' },
  custom: { label: 'Custom', help: 'Pick resource types and single items.', products: ['oss', 'cloud'], cliFlag: null },
} as const satisfies Record<string, TokenKindInfo>;

export type TokenKind = keyof typeof tokenKinds;

/** In the order the dialog offers them. */
export const tokenKindIds = Object.keys(tokenKinds) as TokenKind[];

export function kindsOf(product: ProductKind): TokenKind[] {
  return tokenKindIds.filter((kind) => (tokenKinds[kind].products as readonly ProductKind[]).includes(product));
}
