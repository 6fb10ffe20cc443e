/**
 * Tokens the playground mints for its clients: JWT-shaped (header.payload.
 * signature, base64url) with upstream's claims (`iss`, `sub`, `aud`,
 * `hex_identity`, `iat`), so the SDK stores and returns them like real ones.
 * They are not signed: the playground is a local sandbox, not an auth server.
 */
import { identityFromClaims, LOCAL_ISSUER, toHex } from '../engine/identity.ts';

export type Claims = { iss: string; sub: string; aud: string[]; hex_identity: string; iat: number };

const utf8 = new TextEncoder();
const b64url = (text: string): string => {
  let bin = '';
  for (const b of utf8.encode(text)) bin += String.fromCharCode(b);
  return globalThis.btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};
const unb64url = (text: string): string => {
  const bin = globalThis.atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(bin, c => c.charCodeAt(0)));
};

export function claimsFor(subject: string, issuedAtSeconds: number, issuer = LOCAL_ISSUER): Claims {
  const identity = identityFromClaims(issuer, subject);
  return { iss: issuer, sub: subject, aud: ['spacetimedb'], hex_identity: toHex(identity, 32).slice(2), iat: issuedAtSeconds };
}

export function mintToken(claims: Claims): string {
  return `${b64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}.`;
}

/** The claims of a token we minted (or any unsigned-readable JWT); undefined when it is not one. */
export function readToken(token: string): Claims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const c = JSON.parse(unb64url(parts[1]!)) as Partial<Claims>;
    if (typeof c.sub !== 'string' || typeof c.iss !== 'string') return undefined;
    return { iss: c.iss, sub: c.sub, aud: Array.isArray(c.aud) ? c.aud : ['spacetimedb'], hex_identity: toHex(identityFromClaims(c.iss, c.sub), 32).slice(2), iat: typeof c.iat === 'number' ? c.iat : 0 };
  } catch {
    return undefined;
  }
}
