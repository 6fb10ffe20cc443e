import { describe, expect, it } from 'vitest';
import { connectionIdFor, identityFromClaims, toHex } from './identity.ts';

describe('identities', () => {
  // Vector from upstream's C# runtime tests (crates/bindings-csharp/Runtime.Tests JwtClaimsTest),
  // which check the same `Identity::from_claims` derivation (crates/lib/src/identity.rs).
  it('derives an identity from issuer and subject as upstream does', () => {
    expect(toHex(identityFromClaims('example.com', '123'), 32)).toBe(
      '0xc200ef884364c1a99be0298dc68f2004e6b97c09d1b1658b7db22f51fb662059'
    );
  });

  it('gives a named client the same identity every time, and different names different ones', () => {
    expect(identityFromClaims('localhost', 'alice')).toBe(identityFromClaims('localhost', 'alice'));
    expect(identityFromClaims('localhost', 'alice')).not.toBe(identityFromClaims('localhost', 'bob'));
  });

  it('gives each connection of a client its own non-zero connection id', () => {
    const ids = new Set([0, 1, 2].map(n => connectionIdFor('alice', n)));
    expect(ids.size).toBe(3);
    expect(ids.has(0n)).toBe(false);
  });
});
