import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

// Which addresses a webhook may reach unless private networks are explicitly allowed: only
// globally routable unicast addresses. A webhook URL is chosen by an outside party, so
// without this check it could be pointed at the database, the cloud metadata service
// (169.254.169.254) or anything else on the inside. An allow-list rather than a list of
// forbidden ranges, so that a form nobody thought of is refused, not let through. The
// special-purpose ranges are ipaddr.js's (IANA's registries, kept up to date there).

/** IPv6 global unicast; everything else in IPv6 (loopback, ULA, link-local, multicast, …) is refused. */
const GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3') as [ipaddr.IPv6, number];

/**
 * IPv6 forms whose last 32 bits are an IPv4 address that the packets end up at (or that a
 * stack treats as one): they are judged by the IPv4 rules, so that `::ffff:127.0.0.1`,
 * `::127.0.0.1` or `64:ff9b::a00:1` cannot smuggle an inside address past them, while a
 * public IPv4 address reached through NAT64 (IPv6-only networks with DNS64) still works.
 */
const IPV4_IN_LAST_32_BITS = [
  '::ffff:0:0/96', // IPv4-mapped (RFC 4291)
  '::/96', // IPv4-compatible, deprecated (RFC 4291); also holds :: and ::1
  '::ffff:0:0:0/96', // IPv4-translated (RFC 2765)
  '64:ff9b::/96', // NAT64 well-known prefix (RFC 6052)
].map((cidr) => ipaddr.parseCIDR(cidr) as [ipaddr.IPv6, number]);

/** 6to4 (RFC 3056): the IPv4 address of the relay's target is in bits 16–47. */
const SIX_TO_FOUR = ipaddr.parseCIDR('2002::/16') as [ipaddr.IPv6, number];

/** The IPv4 address an IPv6 address stands for, if it is one of the embedding forms. */
export function embeddedIpv4(address: ipaddr.IPv6): ipaddr.IPv4 | null {
  const bytes = address.toByteArray();
  if (IPV4_IN_LAST_32_BITS.some((range) => address.match(range))) return new ipaddr.IPv4(bytes.slice(12, 16));
  if (address.match(SIX_TO_FOUR)) return new ipaddr.IPv4(bytes.slice(2, 6));
  return null;
}

function isPublicIpv4(address: ipaddr.IPv4): boolean {
  // Anything in a special-purpose range (private, loopback, link-local, carrier-grade NAT,
  // documentation, benchmarking, multicast, reserved, broadcast, …) has a range name.
  return address.range() === 'unicast';
}

function isPublicIpv6(address: ipaddr.IPv6): boolean {
  const ipv4 = embeddedIpv4(address);
  if (ipv4) return isPublicIpv4(ipv4);
  // Within 2000::/3, the special-purpose ranges (2001::/23 with Teredo, documentation,
  // benchmarking, ORCHID, …) have range names too.
  return address.match(GLOBAL_UNICAST) && address.range() === 'unicast';
}

/** True only for a well-formed, globally routable unicast IP address (a host name is false). */
export function isPublicAddress(address: string): boolean {
  // net.isIP first: ipaddr.js also reads loose IPv4 forms such as `127.1` or `0x7f.0.0.1`,
  // which are host names to DNS, not addresses.
  if (isIP(address) === 0 || !ipaddr.isValid(address)) return false;
  const parsed = ipaddr.parse(address);
  return parsed.kind() === 'ipv4' ? isPublicIpv4(parsed as ipaddr.IPv4) : isPublicIpv6(parsed as ipaddr.IPv6);
}
