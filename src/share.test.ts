import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { encodeShare, fromBase64Url, readShare, shareUrl, toBase64Url, type SharedProject } from './share.ts';

const PROJECT: SharedProject = {
  name: 'Kanban — ünïcödé 🚀',
  entry: 'index.ts',
  files: { 'index.ts': "import { schema } from 'spacetimedb/server';\n// ✓ emoji 🎉\n", 'lib/util.ts': 'export const x = 1;\n' },
};
const at = (hash: string) => ({ hash });
const error = (hash: string) => {
  const r = readShare(at(hash));
  return r && !r.ok ? r.error : r;
};

describe('share links', () => {
  it('round-trip a project through the URL fragment', () => {
    const url = shareUrl({ origin: 'https://play.example', pathname: '/ide/' }, PROJECT);
    expect(url).toMatch(/^https:\/\/play\.example\/ide\/#v1=[A-Za-z0-9_-]+$/);
    expect(readShare(new URL(url))).toEqual({ ok: true, value: PROJECT });
  });

  it('compress the sources', () => {
    const big = { ...PROJECT, files: { 'index.ts': 'export const row = { id: 1, name: "a" };\n'.repeat(500) } };
    expect(encodeShare(big).length).toBeLessThan(400);
  });

  it('leave other fragments alone', () => {
    expect(readShare(at(''))).toBeUndefined();
    expect(readShare(at('#section-2'))).toBeUndefined();
  });

  it('refuse a link from another version, saying which and that nothing changed', () => {
    const v2 = encodeShare(PROJECT).replace(/^v1=/, 'v2=');
    expect(error(`#${v2}`)).toBe(
      'This share link is version 2, from a newer Spacetime Playground: reload the page to update it, then open the link again. Nothing was opened; your projects are unchanged.'
    );
    expect(error('#v0=abc')).toMatch(/^This share link is version 0, from an older format/);
  });

  it('explain a damaged link instead of throwing', () => {
    const good = encodeShare(PROJECT);
    expect(error(`#${good.slice(0, good.length - 12)}`)).toMatch(/^This share link is damaged \(it (ends early|does not unpack)\); it may have been cut off when copied\. Nothing was opened/);
    expect(error('#v1=')).toMatch(/damaged \(it is not base64url text\)/);
    expect(error('#v1=a$b*')).toMatch(/damaged \(it is not base64url text\)/);
    expect(error('#v1=AAAAAAAA')).toMatch(/damaged \(it does not unpack\)/);
    const notJson = `#v1=${toBase64Url(deflateSync(strToU8('{"files":')))}`;
    expect(error(notJson)).toMatch(/damaged \(its contents are not JSON\)/);
    const noSources = `#v1=${toBase64Url(deflateSync(strToU8('{"entry":"toString","files":{}}')))}`;
    expect(error(noSources)).toMatch(/damaged \(it holds no module sources\)/);
  });

  it('stop inflating a crafted link at the size bound', () => {
    const bomb = `#v1=${toBase64Url(deflateSync(new Uint8Array(16 * 1024 * 1024)))}`;
    expect(bomb.length).toBeLessThan(50_000);
    expect(error(bomb)).toMatch(/damaged \(it unpacks to more than 8 MB\)/);
  });

  it('encode base64url without padding, for every length', () => {
    for (let n = 0; n < 10; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + 13) & 255);
      const text = toBase64Url(bytes);
      expect(text).toBe(btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
      expect(fromBase64Url(text)).toEqual(bytes);
    }
  });
});
