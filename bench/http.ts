import http from 'node:http';

// A small keep-alive HTTP client for benchmark loops that chain requests (claim, then
// complete with the claim's ETag): lighter than fetch, so the load costs little CPU.

export interface Reply {
  status: number;
  etag: string | undefined;
  body: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export function send(baseUrl: string, method: string, url: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${baseUrl}${url}`, { method, headers, agent }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, etag: response.headers.etag, body: text }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** Closes the kept-alive connections, so that the process can exit. */
export function closeConnections(): void {
  agent.destroy();
}
