/**
 * Which frames may call main (Electron checklist #17). Only the app's own page qualifies: its
 * protocol and host must match exactly; a path or query does not matter.
 */
export interface SenderPolicy {
  isTrusted(url: string | undefined): boolean;
}

/** `app://token-desk` and `http://127.0.0.1:5173` style origins, compared as protocol + host. */
export function createSenderPolicy(allowedOrigins: readonly string[]): SenderPolicy {
  const allowed = new Set(allowedOrigins.map(originOf).filter((o): o is string => o !== null));
  return {
    isTrusted(url) {
      const origin = url ? originOf(url) : null;
      return origin !== null && allowed.has(origin);
    },
  };
}

// URL.origin is "null" for non-special schemes such as app:, so build the comparison key by hand.
function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (!parsed.host) return null;
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}
