declare module 'proxy-from-env' {
  /** The proxy URL for `url` from HTTP(S)_PROXY/ALL_PROXY, honouring NO_PROXY; '' for none. */
  export function getProxyForUrl(url: string | URL): string;
}
