import proxyAddr from '@fastify/proxy-addr';

/**
 * Which peers may speak for a client in `X-Forwarded-For` and `X-Request-Id`: the reverse
 * proxies' addresses and networks, or nobody (`false`). Deliberately no "everyone" and no
 * hop count: both let a client that reaches the service directly choose its own address
 * (and so its own rate-limit budget) by sending the header itself. Fastify refuses hop
 * counts for the same reason.
 */
export type ProxyTrust = false | string[];

/** Is this peer (hop 0 is the connection itself) a trusted proxy? */
export type TrustFunction = (address: string, hop: number) => boolean;

export const PROXY_TRUST_EXAMPLE = '`10.0.0.1,192.168.0.0/16`, or `loopback` for a proxy on the same host';

/** Reads the setting: `false` (or `0`) trusts nobody; otherwise a comma-separated list. */
export function parseProxyTrust(text: string): { ok: true; value: ProxyTrust } | { ok: false; error: string } {
  const trimmed = text.trim();
  if (trimmed === 'false' || trimmed === '0') return { ok: true, value: false };
  if (trimmed === 'true') {
    return { ok: false, error: `\`true\` would let any client choose its own address; list the reverse proxies' addresses or networks instead, e.g. ${PROXY_TRUST_EXAMPLE}` };
  }
  if (/^\d+$/.test(trimmed)) {
    return { ok: false, error: `a hop count cannot tell a proxy from a client that connects directly; list the reverse proxies' addresses or networks instead, e.g. ${PROXY_TRUST_EXAMPLE}` };
  }
  const entries = trimmed.split(',').map((entry) => entry.trim());
  if (entries.some((entry) => entry === '')) return { ok: false, error: `must be \`false\` or a comma-separated list of addresses or networks, e.g. ${PROXY_TRUST_EXAMPLE}` };
  try {
    // The library that decides at request time also judges the setting: what passes here is what it trusts.
    proxyAddr.compile(entries);
  } catch (error) {
    return { ok: false, error: `${(error as Error).message} (write addresses or networks such as ${PROXY_TRUST_EXAMPLE})` };
  }
  return { ok: true, value: entries };
}

/** The trust decision, shared by the client address (Fastify) and the request id. */
export function compileProxyTrust(trust: ProxyTrust): TrustFunction {
  if (trust === false) return () => false;
  return proxyAddr.compile(trust);
}
