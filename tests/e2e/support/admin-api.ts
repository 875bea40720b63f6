// The browser tests set up their people and cases through the API, as the first admin the
// service created on its first start.

/** The first admin's API token, which the service printed once when it started. */
export function adminToken(output: string): string {
  const token = /First admin created\. Its API token \(shown only now\):\s+(oe_\S+)/.exec(output)?.[1];
  if (!token) throw new Error(`the service printed no admin token:\n${output}`);
  return token;
}

/** One API call with the token; anything but a 2xx fails the test with the answer. */
export async function api(baseUrl: string, token: string, method: string, path: string, body?: unknown): Promise<Record<string, any>> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
  return res.json() as Promise<Record<string, any>>;
}
