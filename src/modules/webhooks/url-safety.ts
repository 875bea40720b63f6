import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { isPublicAddress } from '../../domain/network-address.js';

export class UnsafeUrlError extends Error {
  override name = 'UnsafeUrlError';
}

export interface UrlPolicy {
  /** Private, loopback and link-local targets and plain http (development and tests). */
  allowPrivateNetworks: boolean;
}

/** The host of a URL as DNS and net.isIP want it (without IPv6 brackets). */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/** Checks what can be checked without the network: scheme, credentials, an IP literal. */
export function checkUrlShape(text: string, policy: UrlPolicy): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UnsafeUrlError('Not a valid absolute URL.');
  }
  const schemes = policy.allowPrivateNetworks ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(url.protocol)) throw new UnsafeUrlError(policy.allowPrivateNetworks ? 'Must be an http or https URL.' : 'Must be an https URL.');
  if (url.username || url.password) throw new UnsafeUrlError('Must not contain a user name or password.');
  if (url.hash) throw new UnsafeUrlError('Must not contain a fragment.');
  const host = hostOf(url);
  if (!policy.allowPrivateNetworks && isIP(host) !== 0 && !isPublicAddress(host)) {
    throw new UnsafeUrlError('Must not point to a private, loopback or link-local address.');
  }
  return url;
}

/**
 * What is wrong with the addresses a host resolved to: the same rule as for an address
 * written in the URL, applied to each of them (one inside address is enough to refuse).
 */
export function refuse(host: string, addresses: readonly Pick<LookupAddress, 'address'>[]): UnsafeUrlError | null {
  const bad = addresses.find((a) => !isPublicAddress(a.address));
  return bad ? new UnsafeUrlError(`${host} resolves to ${bad.address}, a private, loopback or link-local address.`) : null;
}

/**
 * A DNS lookup for outgoing connections that refuses non-public addresses. Used as the
 * connection's own lookup, the address checked is the address connected to, so a name
 * that resolves differently between a check and the connection (DNS rebinding) cannot
 * slip through.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 4);
    const refused = addresses.length === 0 ? new UnsafeUrlError(`${hostname} has no address.`) : refuse(hostname, addresses);
    if (refused) return callback(Object.assign(refused, { code: 'EUNSAFEADDRESS' }), '', 4);
    if (options.all) return (callback as unknown as (err: null, all: LookupAddress[]) => void)(null, addresses);
    const first = addresses[0] as LookupAddress;
    return callback(null, first.address, first.family);
  });
};

/** The full check at registration: shape, and every address the host resolves to now. */
export async function checkWebhookUrl(text: string, policy: UrlPolicy): Promise<URL> {
  const url = checkUrlShape(text, policy);
  if (policy.allowPrivateNetworks || isIP(hostOf(url)) !== 0) return url;
  const addresses = await new Promise<LookupAddress[]>((resolve, reject) =>
    dnsLookup(hostOf(url), { all: true }, (error, found) =>
      error ? reject(new UnsafeUrlError(`The host ${hostOf(url)} does not resolve.`)) : resolve(found),
    ),
  );
  const refused = refuse(hostOf(url), addresses);
  if (refused) throw refused;
  return url;
}
