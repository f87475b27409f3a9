/** What the About view shows: versions, platform and the secret store's real status. */
import type { SystemInfo } from '$contract/ipc';
import type { SecretBox } from '../secrets/secret-box';

export interface RuntimeFacts {
  appName: string;
  appVersion: string;
  /** process.versions: in Electron it has electron and chrome; under plain Node it has neither. */
  versions: Readonly<Record<string, string | undefined>>;
  platform: string;
  arch: string;
}

export async function readSystemInfo(runtime: RuntimeFacts, box: SecretBox): Promise<SystemInfo> {
  return {
    appName: runtime.appName,
    appVersion: runtime.appVersion,
    versions: {
      electron: runtime.versions['electron'] ?? null,
      chrome: runtime.versions['chrome'] ?? null,
      node: runtime.versions['node'] ?? 'unknown',
    },
    platform: runtime.platform,
    arch: runtime.arch,
    secretStore: await box.status(),
  };
}
