/**
 * A permission as Token Desk handles it. The resource type is a plain string: servers add types
 * (Cloud's `subscriptions` is missing from the official client's union), and the app must show them.
 */
export interface TokenPermission {
  action: 'read' | 'write';
  resource: { type: string; id?: string; orgID?: string; name?: string; org?: string };
}
