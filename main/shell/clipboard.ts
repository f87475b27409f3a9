/** The Clipboard port on Electron's (async, W3C-style) clipboard, with "do not record" markers. */
import { clipboard, ClipboardItem } from 'electron';
import type { Clipboard } from '../vault/clipboard';

/** Raw formats clipboard managers honour (KeePassXC sets the same), per platform. */
const concealedFormat: Partial<Record<NodeJS.Platform, [string, string]>> = {
  darwin: ['org.nspasteboard.ConcealedType', ''],
  linux: ['x-kde-passwordManagerHint', 'secret'],
  win32: ['ExcludeClipboardContentFromMonitorProcessing', ''],
};

export function createElectronClipboard(): Clipboard {
  return {
    readText: () => clipboard.readText(),
    async writeText(text, concealed) {
      const marker = concealed ? concealedFormat[process.platform] : undefined;
      if (!marker) return clipboard.writeText(text);
      try {
        await clipboard.write([
          new ClipboardItem({
            'text/plain': text,
            [`electron application/osclipboard;format="${marker[0]}"`]: marker[1],
          }),
        ]);
      } catch {
        // A platform that refuses the marker still gets the text; clearing still applies.
        await clipboard.writeText(text);
      }
    },
    clear: () => clipboard.clear(),
  };
}
