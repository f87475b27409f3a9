/** The token table's columns: their widths in one place, and which a person may hide. */
import type { SortKey } from './token-filter';

export type ColumnId =
  'description' | 'status' | 'owner' | 'org' | 'created' | 'modified' | 'review' | 'permissions' | 'vault';

export interface TokenColumn {
  id: ColumnId;
  label: string;
  key: SortKey | null;
  /** Its narrowest, in rem: fixed where the content is (dates, status), a floor for flexible ones. */
  min: number;
  /** Its share of the room left (0: fixed at `min`). */
  grow: number;
  /** The description is the row's name and link: it cannot be hidden. */
  hideable: boolean;
}

export const tokenColumns: readonly TokenColumn[] = [
  { id: 'description', label: 'Description', key: 'description', min: 10, grow: 2, hideable: false },
  { id: 'status', label: 'Status', key: 'status', min: 6, grow: 0, hideable: true },
  { id: 'owner', label: 'Owner', key: null, min: 6, grow: 0.9, hideable: true },
  { id: 'org', label: 'Org', key: null, min: 5, grow: 0.7, hideable: true },
  { id: 'created', label: 'Created', key: 'createdAt', min: 7, grow: 0, hideable: true },
  { id: 'modified', label: 'Modified', key: 'updatedAt', min: 7, grow: 0, hideable: true },
  { id: 'review', label: 'Age · review', key: 'reviewBy', min: 10, grow: 0, hideable: true },
  { id: 'permissions', label: 'Permissions', key: null, min: 9, grow: 1.4, hideable: true },
  { id: 'vault', label: 'Vault', key: null, min: 5, grow: 0, hideable: true },
];

const SELECT_BOX = 2.25;
const shownColumns = (hidden: ReadonlySet<ColumnId>) => tokenColumns.filter((c) => !hidden.has(c.id));

/** The grid's tracks: the selection box, then every shown column. */
export function gridTemplate(hidden: ReadonlySet<ColumnId>): string {
  return [
    `${SELECT_BOX}rem`,
    ...shownColumns(hidden).map((c) => (c.grow ? `minmax(${c.min}rem, ${c.grow}fr)` : `${c.min}rem`)),
  ].join(' ');
}

/** The table's narrowest width: below it, the table scrolls sideways rather than cut a column. */
export function minimumWidth(hidden: ReadonlySet<ColumnId>): string {
  return `${shownColumns(hidden).reduce((sum, c) => sum + c.min, SELECT_BOX) + 1}rem`;
}

const STORAGE_KEY = 'token-desk.hidden-columns';

/** Hidden until shown: Modified mostly repeats Created, and its room is the description's. */
const HIDDEN_AT_FIRST: readonly ColumnId[] = ['modified'];

/** The columns hidden last time (kept in the page's own storage: a view preference, nothing secret). */
export function loadHiddenColumns(storage: Pick<Storage, 'getItem'> | undefined): Set<ColumnId> {
  try {
    const ids = JSON.parse(storage?.getItem(STORAGE_KEY) ?? JSON.stringify(HIDDEN_AT_FIRST)) as unknown;
    return new Set(
      Array.isArray(ids) ? tokenColumns.filter((c) => c.hideable && ids.includes(c.id)).map((c) => c.id) : [],
    );
  } catch {
    return new Set();
  }
}

export function saveHiddenColumns(storage: Pick<Storage, 'setItem'> | undefined, hidden: ReadonlySet<ColumnId>): void {
  storage?.setItem(STORAGE_KEY, JSON.stringify([...hidden]));
}
