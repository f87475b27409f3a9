/** The Notifier port on Electron: a Notification where the OS supports them, the badge where it has one. */
import { app, Notification } from 'electron';
import type { Notifier } from '../ports/notifier';

export function createElectronNotifier(): Notifier {
  return {
    notify(title, body) {
      if (Notification.isSupported()) new Notification({ title, body }).show();
    },
    // macOS's dock and Linux's Unity launchers show it; elsewhere setBadgeCount answers false and nothing shows.
    badge(count) {
      app.setBadgeCount(count);
    },
  };
}
