import { isPublicAddress } from '../../src/domain/network-address.js';

describe('which addresses a webhook may reach', () => {
  test.each([
    ['public IPv4', '93.184.215.14'],
    ['public IPv4', '8.8.8.8'],
    ['global unicast IPv6', '2a00:1450:4001:82a::200e'],
    ['global unicast IPv6', '2606:4700::6810:85e5'],
    ['IPv4-mapped public address', '::ffff:8.8.8.8'],
    ['NAT64 of a public address (IPv6-only networks with DNS64)', '64:ff9b::808:808'],
    ['NAT64 of a public address, dotted', '64:ff9b::8.8.8.8'],
    ['6to4 of a public address', '2002:808:808::1'],
  ])('%s (%s) is public', (_name, address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  test.each([
    // IPv4
    ['loopback', '127.0.0.1'],
    ['loopback elsewhere in 127/8', '127.1.2.3'],
    ['private 10/8', '10.0.0.5'],
    ['private 172.16/12', '172.31.255.1'],
    ['private 192.168/16', '192.168.1.1'],
    ['link-local, cloud metadata', '169.254.169.254'],
    ['carrier-grade NAT', '100.64.0.1'],
    ['unspecified', '0.0.0.0'],
    ['"this network"', '0.1.2.3'],
    ['IETF protocol assignments', '192.0.0.8'],
    ['documentation', '192.0.2.1'],
    ['documentation', '198.51.100.7'],
    ['documentation', '203.0.113.9'],
    ['benchmarking', '198.18.0.1'],
    ['6to4 relay anycast', '192.88.99.1'],
    ['multicast', '224.0.0.1'],
    ['reserved', '240.0.0.1'],
    ['broadcast', '255.255.255.255'],
    // IPv6 outside global unicast
    ['IPv6 loopback', '::1'],
    ['IPv6 unspecified', '::'],
    ['IPv6 unique local', 'fd12:3456::1'],
    ['IPv6 unique local', 'fc00::1'],
    ['IPv6 link-local', 'fe80::1'],
    ['IPv6 link-local with a zone', 'fe80::1%eth0'],
    ['IPv6 site-local (deprecated)', 'fec0::1'],
    ['IPv6 multicast', 'ff02::1'],
    ['IPv6 discard', '100::1'],
    ['local-use NAT64', '64:ff9b:1::a00:1'],
    ['segment routing', '5f00::1'],
    // special purpose inside 2000::/3
    ['Teredo', '2001:0:4136:e378:8000:63bf:3fff:fdd2'],
    ['IETF protocol assignments', '2001:1::1'],
    ['benchmarking', '2001:2::1'],
    ['ORCHIDv2', '2001:20::1'],
    ['documentation', '2001:db8::1'],
    ['documentation (RFC 9637)', '3fff::1'],
    // IPv4 embedded in IPv6: judged by the IPv4 rules
    ['IPv4-mapped loopback', '::ffff:127.0.0.1'],
    ['IPv4-mapped loopback, hex', '::ffff:7f00:1'],
    ['IPv4-mapped metadata', '::ffff:169.254.169.254'],
    ['IPv4-mapped private, fully written', '0:0:0:0:0:ffff:c0a8:101'],
    ['IPv4-compatible loopback', '::127.0.0.1'],
    ['IPv4-compatible loopback, hex', '::7f00:1'],
    ['IPv4-compatible private', '::10.0.0.1'],
    ['IPv4-translated loopback', '::ffff:0:7f00:1'],
    ['IPv4-translated loopback, dotted', '::ffff:0:127.0.0.1'],
    ['IPv4-translated private', '::ffff:0:a00:1'],
    ['NAT64 of a private address', '64:ff9b::a00:1'],
    ['NAT64 of loopback, dotted', '64:ff9b::127.0.0.1'],
    ['NAT64 of the metadata address', '64:ff9b::a9fe:a9fe'],
    ['6to4 of loopback', '2002:7f00:1::'],
    ['6to4 of a private address', '2002:c0a8:101::1'],
    ['6to4 of carrier-grade NAT', '2002:6440:1::1'],
    // not addresses
    ['a host name', 'localhost'],
    ['a loose IPv4 form (a host name to DNS)', '127.1'],
    ['a hex IPv4 form', '0x7f.0.0.1'],
    ['an IPv6 literal in brackets', '[::1]'],
    ['empty', ''],
  ])('%s (%s) is not public', (_name, address) => {
    expect(isPublicAddress(address)).toBe(false);
  });
});
