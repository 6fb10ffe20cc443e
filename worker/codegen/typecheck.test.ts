/**
 * Generated bindings against the real SDK: a `tsc` run over generated code
 * and code that uses it, and the chat sample's bindings the SDK tests import.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { file, generateBindings, HEADER, ROOT, schemaOf } from './test-fixtures.ts';
import { generateTypeScript, type GeneratedFile } from './typescript.ts';

describe('generated bindings with the SDK', () => {
  let cc: GeneratedFile[];
  let sink: GeneratedFile[];
  let kanban: GeneratedFile[];
  beforeAll(async () => {
    ({ cc, sink, kanban } = await generateBindings());
  });

  it('type-checks with tsc against the installed spacetimedb, together with code that uses it', async () => {
    const dir = join(ROOT, 'node_modules', '.cache', 'spacetime-playground', 'codegen-typecheck');
    await rm(dir, { recursive: true, force: true });
    const write = async (path: string, code: string) => {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), code);
    };
    for (const [name, files] of [['cc', cc], ['sink', sink], ['kanban', kanban]] as const) for (const f of files) await write(`${name}/${f.path}`, f.code);
    await write(
      'use.ts',
      `import { DbConnection, tables, type EventContext } from './sink';
import { DbConnection as Kanban, type SubscriptionHandle } from './kanban';
import { DbConnection as CaseConversion } from './cc';
const conn = DbConnection.builder().withUri('ws://x').withDatabaseName('y').build();
conn.db.drawing.onInsert((_ctx: EventContext, row) => {
  const color: { tag: 'Red' } | { tag: 'Green' } | { tag: 'Custom'; value: string } = row.color;
  const id: bigint = row.drawingId;
  void color; void id;
});
void conn.reducers.draw({ title: 't', color: { tag: 'Red' }, shapes: [{ tag: 'Poly', value: [{ x: 1, y: 2 }] }], anchor: undefined });
void conn.reducers.sendPing({ payload: 'p' });
void conn.procedures.centroid({ points: [{ x: 1, y: 2 }] }).then(p => p?.x);
conn.db.drawing.drawingId.find(1n)?.title.toUpperCase();
void tables.drawing;
const k = Kanban.builder().withUri('ws://x').withDatabaseName('y').build();
k.db.board.boardId.find(1n)?.name.toUpperCase();
const h: SubscriptionHandle = k.subscriptionBuilder().onApplied(ctx => ctx.db.card.count()).subscribe(['SELECT * FROM card']);
void h;
void k.reducers.addCard({ boardId: 1n, title: 'x' });
k.db.card.onUpdate((_ctx, a, b) => a.completedAt ?? b.createdAt);
const c = CaseConversion.builder().withUri('ws://x').withDatabaseName('y').build();
void c.reducers.banPlayer1({ player1Id: 1, banUntil6: 2 });
c.db.player1.onInsert((_ctx, row) => row.status3Field.tag === 'BannedUntil' && row.playerName);
c.db.person_at_level_2.onInsert((_ctx, row) => row.personInfo.ageValue1);
`
    );
    await write(
      'tsconfig.json',
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'Bundler',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          lib: ['ES2022', 'DOM'],
          noUncheckedIndexedAccess: true,
          verbatimModuleSyntax: true,
          isolatedModules: true,
        },
        include: ['./**/*.ts'],
      })
    );
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const out = await new Promise<string>(res =>
      execFile(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { cwd: ROOT }, (err, stdout, stderr) => res(err ? `${stdout}${stderr}` || String(err) : ''))
    );
    expect(out).toBe('');
  }, 120_000);

  it('matches the sample chat bindings the SDK tests import (table and reducer files)', async () => {
    const source = await readFile(join(ROOT, 'samples/chat/index.ts'), 'utf8');
    const chat = generateTypeScript(await schemaOf(source));
    expect(chat.map(f => f.path).sort()).toEqual([
      'index.ts',
      'message_table.ts',
      'send_message_reducer.ts',
      'set_name_reducer.ts',
      'types.ts',
      'types/procedures.ts',
      'types/reducers.ts',
      'user_table.ts',
    ]);
    expect(file(chat, 'user_table.ts')).toBe(`${HEADER}
export default __t.row({
  identity: __t.identity().primaryKey(),
  name: __t.option(__t.string()),
  online: __t.bool(),
});
`);
  });
});
