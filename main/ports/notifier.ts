/** The OS's notifications and its dock or taskbar count; the shell uses Electron's, tests a stand-in. */
export interface Notifier {
  notify(title: string, body: string): void;
  /** The count beside the app's icon where the OS shows one (0 clears it). */
  badge(count: number): void;
}
