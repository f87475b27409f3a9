/** A raw HTTP helper for the emulator's tests, where status, headers and exact bodies matter. */
export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body; {} when there is none or it is not JSON. */
  json: Record<string, unknown>;
}

export async function call(
  base: string,
  method: string,
  path: string,
  options: { token?: string; scheme?: string; body?: unknown; rawBody?: string } = {},
): Promise<RawAnswer> {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers['Authorization'] = `${options.scheme ?? 'Token'} ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(`${base}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await response.text();
  let json: Record<string, unknown>;
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    json = {};
  }
  return { status: response.status, headers: response.headers, text, json };
}
