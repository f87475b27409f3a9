/** The calls of the views across connections: last lists, "which token is this?", the inventory, attention. */
import type { Dismissal } from '$contract/fleet';
import type { CredentialRows } from '../families/rows';
import { exportInventory } from '../fleet/inventory';
import type { Reminders } from '../fleet/reminders';
import type { WhichToken } from '../fleet/which-token';
import type { History } from '../history/history';
import type { Dialogs } from '../ports/dialogs';
import type { ConnectionProfiles } from '../profiles/profiles';
import type { SettingsService } from '../settings/settings-service';
import type { Handlers } from './dispatch';

export interface FleetServices {
  credentials: CredentialRows;
  which: WhichToken;
  reminders: Reminders;
  profiles: ConnectionProfiles;
  settings: SettingsService;
  history: History;
  dialogs: Dialogs;
}

type FleetCall =
  | 'listCredentials'
  | 'lastCredentials'
  | 'identifyToken'
  | 'exportInventory'
  | 'listDismissals'
  | 'dismissAttention'
  | 'restoreAttention'
  | 'setRetirement'
  | 'setCredentialReviews';

export function fleetHandlers(s: FleetServices): Pick<Handlers, FleetCall> {
  const dismissals = (change: (list: Dismissal[]) => Dismissal[]) =>
    s.settings.update({ dismissals: change(s.settings.get().dismissals) }).dismissals;
  return {
    listCredentials: async ({ connectionId }) => {
      const list = await s.credentials.list(connectionId);
      s.reminders.update();
      return list;
    },
    lastCredentials: async () => s.credentials.lastLists(),
    setCredentialReviews: async ({ connectionId, reviews }) => {
      const entry = s.credentials.setReviews(connectionId, reviews);
      s.reminders.update();
      return entry;
    },
    identifyToken: ({ value, ask }) => s.which.identify(value, ask),
    exportInventory: ({ format }) => exportInventory(s.credentials.lastLists(), s.profiles, s.dialogs, format),
    listDismissals: async () => s.settings.get().dismissals,
    // Kept locally and in the history: who set what aside, and why, stays on record.
    dismissAttention: ({ connectionId, key, title, reason }) =>
      s.history.track(
        connectionId,
        'attention.dismiss',
        { target: key, description: `${title}: ${reason}` },
        async () =>
          dismissals((list) => [
            ...list.filter((d) => d.key !== key),
            { key, connectionId, title, reason, at: new Date().toISOString() },
          ]),
      ),
    restoreAttention: ({ connectionId, key }) =>
      s.history.track(connectionId, 'attention.restore', { target: key }, async () =>
        dismissals((list) => list.filter((d) => d.key !== key)),
      ),
    setRetirement: async ({ connectionId, credentialId, retirement, description }) => {
      const summary = s.profiles.setRetirement(connectionId, credentialId, retirement);
      if (retirement)
        await s.history.track(
          connectionId,
          'credential.keep',
          { target: credentialId, description: `${description ?? credentialId}: retire by ${retirement.by}` },
          async () => undefined,
        );
      s.reminders.update();
      return summary;
    },
  };
}
