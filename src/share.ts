/**
 * Share links: a project's sources in the URL fragment, `#v1=<data>`, where
 * data is base64url of deflated JSON `{ name, entry, files }`. The fragment
 * never reaches a server. The version prefix lets a later format coexist;
 * a link from a newer one, or one cut short when copied, decodes to a
 * sentence saying so. Inflating stops at a size bound, so a crafted link
 * can't exhaust memory. Pure: it reads only the `Location` it is given.
 */
import { deflateSync, Inflate, strFromU8, strToU8 } from 'fflate';
import type { SourceFiles } from '../worker/api.ts';

export const SHARE_VERSION = 1;
const MAX_INFLATED = 8 * 1024 * 1024;
const CHUNK = 1024;

export type SharedProject = { name: string; entry: string; files: SourceFiles };
export type ShareRead = { ok: true; value: SharedProject } | { ok: false; error: string };

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += B64[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

export function fromBase64Url(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let bits = 0;
  let value = 0;
  let o = 0;
  for (const c of text) {
    const v = B64_INDEX.get(c);
    if (v === undefined) return undefined;
    value = ((value << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) out[o++] = (value >> (bits -= 8)) & 0xff;
  }
  return out;
}

/** The fragment (without `#`) that carries `project`. */
export function encodeShare(project: SharedProject): string {
  const json = JSON.stringify({ name: project.name, entry: project.entry, files: project.files });
  return `v${SHARE_VERSION}=${toBase64Url(deflateSync(strToU8(json), { level: 9 }))}`;
}

/** The page's address with `project` in its fragment. */
export function shareUrl(location: Pick<Location, 'origin' | 'pathname'>, project: SharedProject): string {
  return `${location.origin}${location.pathname}#${encodeShare(project)}`;
}

/** The project a share link carries; undefined when the fragment is not a share link at all. */
export function readShare(location: Pick<Location, 'hash'>): ShareRead | undefined {
  const m = /^#?v(\d+)=(.*)$/s.exec(location.hash);
  if (!m) return undefined;
  const version = Number(m[1]);
  if (version !== SHARE_VERSION) {
    const why = version > SHARE_VERSION ? 'a newer Spacetime Playground: reload the page to update it, then open the link again' : 'an older format this playground no longer reads';
    return { ok: false, error: `This share link is version ${version}, from ${why}. Nothing was opened; your projects are unchanged.` };
  }
  const damaged = (why: string): ShareRead => ({ ok: false, error: `This share link is damaged (${why}); it may have been cut off when copied. Nothing was opened; your projects are unchanged.` });
  const bytes = fromBase64Url(m[2]!);
  if (!bytes || bytes.length === 0) return damaged('it is not base64url text');
  const json = inflateBounded(bytes);
  if (typeof json !== 'string') return damaged(json.error);
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    return damaged('its contents are not JSON');
  }
  return checkShared(doc) ?? damaged('it holds no module sources');
}

function inflateBounded(bytes: Uint8Array): string | { error: string } {
  const parts: Uint8Array[] = [];
  let size = 0;
  let done = false;
  const inflate = new Inflate((chunk, final) => {
    size += chunk.length;
    if (size > MAX_INFLATED) throw new RangeError('too large');
    parts.push(chunk);
    done ||= final;
  });
  try {
    // Fed in small pieces: one push inflates at most ~1000× its input before the size check runs.
    for (let i = 0; i < bytes.length; i += CHUNK) inflate.push(bytes.subarray(i, i + CHUNK), i + CHUNK >= bytes.length);
  } catch (e) {
    return { error: e instanceof RangeError ? `it unpacks to more than ${MAX_INFLATED / 1024 / 1024} MB` : 'it does not unpack' };
  }
  if (!done) return { error: 'it ends early' };
  const all = new Uint8Array(size);
  parts.reduce((at, p) => (all.set(p, at), at + p.length), 0);
  return strFromU8(all);
}

function checkShared(doc: unknown): ShareRead | undefined {
  if (doc === null || typeof doc !== 'object') return undefined;
  const { name, entry, files } = doc as Record<string, unknown>;
  if (typeof entry !== 'string' || files === null || typeof files !== 'object' || Array.isArray(files)) return undefined;
  const list = Object.entries(files);
  if (list.length === 0 || !Object.hasOwn(files, entry) || list.some(([, text]) => typeof text !== 'string')) return undefined;
  return { ok: true, value: { name: typeof name === 'string' ? name : 'Shared module', entry, files: files as SourceFiles } };
}
