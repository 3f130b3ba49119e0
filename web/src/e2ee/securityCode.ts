// The security code people compare to know they share one MLS group: four
// groups of five digits from the epoch authenticator (docs/e2ee.md). Group
// i is the big-endian integer of bytes [5i, 5i+5) modulo 100000.

export function securityCode(epochAuthenticator: Uint8Array): string {
  if (epochAuthenticator.length < 20) throw new RangeError('epoch authenticator too short');
  const groups: string[] = [];
  for (let i = 0; i < 4; i++) {
    // 40 bits fit exactly in a double, so plain arithmetic is exact.
    let value = 0;
    for (let j = 0; j < 5; j++) value = value * 256 + (epochAuthenticator[5 * i + j] ?? 0);
    groups.push(String(value % 100000).padStart(5, '0'));
  }
  return groups.join(' ');
}
