import { blake3 } from '@noble/hashes/blake3.js';

const utf8 = new TextEncoder();

function toBigIntBE(bytes: Uint8Array): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

/**
 * `Identity::from_claims` (crates/lib/src/identity.rs): blake3 of
 * "{issuer}|{subject}", 26 bytes of it behind a 0xc200 prefix and a 4-byte
 * checksum. Returned as the u256 the library's `Identity` holds.
 */
export function identityFromClaims(issuer: string, subject: string): bigint {
  const id = blake3(utf8.encode(`${issuer}|${subject}`)).subarray(0, 26);
  const checksumInput = new Uint8Array(28);
  checksumInput.set([0xc2, 0x00]);
  checksumInput.set(id, 2);
  const checksum = blake3(checksumInput).subarray(0, 4);
  const out = new Uint8Array(32);
  out.set([0xc2, 0x00]);
  out.set(checksum, 2);
  out.set(id, 6);
  return toBigIntBE(out);
}

/** A deterministic non-zero u128 connection id for the `n`th connection of `name`. */
export function connectionIdFor(name: string, n: number): bigint {
  const v = toBigIntBE(blake3(utf8.encode(`connection|${name}|${n}`)).subarray(0, 16));
  return v === 0n ? 1n : v;
}

/** `0x` + big-endian hex, as `Identity.toHexString()` prints (64 digits) or ConnectionId (32). */
export function toHex(value: bigint, bytes: number): string {
  return '0x' + value.toString(16).padStart(bytes * 2, '0');
}

/** The issuer standalone SpacetimeDB signs its own tokens with. */
export const LOCAL_ISSUER = 'localhost';
