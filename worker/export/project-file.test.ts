import { describe, expect, it } from 'vitest';
import type { Input } from '../session/journal.ts';
import { parseProjectFile, serializeProjectFile, type ProjectFile } from './project-file.ts';

const INPUTS: Input[] = [
  { kind: 'publish', at: 1_700_000_000_000_000n },
  { kind: 'connect', client: 'alice', connectionId: 2n ** 100n, at: 1_700_000_000_000_001n },
  { kind: 'call', reducer: 'send', args: new Uint8Array([0, 255, 7]), as: 'alice', at: 1_700_000_000_000_002n },
  { kind: 'sql', text: "DELETE FROM t WHERE x = 'y'", as: null, at: 1_700_000_000_000_003n },
  { kind: 'tick', at: 1_700_000_000_000_004n },
  { kind: 'disconnect', client: 'alice', at: 1_700_000_000_000_005n },
];
const FILE: ProjectFile = {
  project: { name: 'Chat', files: { 'index.ts': 'export default 1;', 'lib/util.ts': '' }, entry: 'index.ts', sample: 'chat', clients: [{ name: 'alice', queries: ['SELECT * FROM t'], connected: true }], layout: { 'right-tab': 'sql', 'editor-width': 40 }, updatedAt: 5 },
  journal: { files: { 'index.ts': 'export default 1;' }, entry: 'index.ts', inputs: INPUTS },
};

const parse = (text: string) => parseProjectFile(text);
const message = (text: string) => {
  const r = parse(text);
  return r.ok ? 'ok' : r.message;
};

describe('the project file', () => {
  it('reads back what it wrote: sources, clients, layout and every journal input', () => {
    const r = parse(serializeProjectFile(FILE));
    if (!r.ok) throw new Error(r.message);
    expect({ ...r.value.project, updatedAt: 5 }).toEqual(FILE.project);
    expect(r.value.journal).toEqual(FILE.journal);
  });

  it('keeps a project without a journal', () => {
    const r = parse(serializeProjectFile({ ...FILE, journal: undefined }));
    expect(r.ok && r.value.journal).toBeUndefined();
  });

  it('says what is wrong with a file that is not one, and that nothing was imported', () => {
    expect(message('{"format":')).toMatch(/^This is not a Spacetime Playground project file: it is not JSON .*Nothing was imported\.$/);
    expect(message('{"hello":1}')).toMatch(/no "format"/);
    expect(message('[]')).toMatch(/no "format"/);
  });

  it('refuses other versions, telling a newer file from an unknown one', () => {
    const doc = JSON.parse(serializeProjectFile(FILE));
    expect(message(JSON.stringify({ ...doc, version: 2 }))).toMatch(/version 2; this playground reads version 1, and it comes from a newer Spacetime Playground/);
    expect(message(JSON.stringify({ ...doc, version: 'x' }))).toMatch(/is not supported/);
  });

  it('names the damaged part of a file', () => {
    const doc = JSON.parse(serializeProjectFile(FILE));
    const bad = (mutate: (d: typeof doc) => void) => {
      const d = structuredClone(doc);
      mutate(d);
      return message(JSON.stringify(d));
    };
    expect(bad(d => (d.project.files = { '../../x.ts': '' }))).toMatch(/damaged \("..\/..\/x.ts" is not a source file name/);
    expect(bad(d => (d.project.entry = 'main.ts'))).toMatch(/the entry file is not among the sources/);
    expect(bad(d => (d.journal.inputs[2].args = 'zz'))).toMatch(/input 2: args must be hex bytes/);
    expect(bad(d => (d.journal.inputs[1].at = 12))).toMatch(/input 1: at must be a decimal integer string/);
    expect(bad(d => (d.journal.inputs[3].kind = 'format-disk'))).toMatch(/input 3: unknown kind "format-disk"/);
    expect(bad(d => d.journal.inputs.shift())).toMatch(/does not start with a publish/);
    expect(bad(d => (d.project.clients = [{ name: 3 }]))).toMatch(/client 0 needs a name/);
  });

  it('cleans a hostile project name', () => {
    const doc = JSON.parse(serializeProjectFile(FILE));
    doc.project.name = `\u0000evil\n${'x'.repeat(200)}`;
    const r = parse(JSON.stringify(doc));
    expect(r.ok && r.value.project.name).toBe(`evil ${'x'.repeat(55)}`);
  });
});
