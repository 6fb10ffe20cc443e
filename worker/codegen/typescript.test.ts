/**
 * The TypeScript bindings generator: file names and contents checked
 * against upstream's generated case-conversion test client
 * (crates/bindings-typescript/case-conversion-test-client/src/module_bindings,
 * whose module we rewrite in TypeScript here), the samples' bindings, and
 * a `tsc` run over generated code and code that uses it.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createVirtualClock } from '../engine/clock.ts';
import { openDatabase } from '../engine/database.ts';
import type { ModuleSchema } from '../module/schema-types.ts';
import { compileModuleFile } from '../node/load-module.ts';
import { compile } from '../testing/test-db.ts';
import { camelCase, pascalCase, snakeCase } from './case.ts';
import { generateTypeScript, type GeneratedFile } from './typescript.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** upstream modules/sdk-test-case-conversion (Rust), as a TypeScript module with the same names. */
const CASE_CONVERSION = `
import { schema, t, table } from 'spacetimedb/server';
const Player2Status = t.enum('Player2Status', { Active1: t.unit(), BannedUntil: t.u32() });
const Person3Info = t.object('Person3Info', { AgeValue1: t.u8(), ScoreTotal: t.u32() });
const Player1 = table({ name: 'Player1Canonical', public: true }, t.row('Player1', {
  Player1Id: t.u32().primaryKey().autoInc(),
  player_name: t.string(),
  currentLevel2: t.u32(),
  status3Field: Player2Status,
}));
const Person2 = table({ public: true }, t.row('Person2', {
  Person2Id: t.u32().primaryKey().autoInc(),
  FirstName: t.string(),
  playerRef: t.u32().index(),
  personInfo: Person3Info,
}));
const spacetimedb = schema({ player1: Player1, person2: Person2 });
export default spacetimedb;
export const CreatePlayer1 = spacetimedb.reducer({ Player1Name: t.string(), Start2Level: t.u32() }, (ctx, { Player1Name, Start2Level }) => {
  ctx.db.player1.insert({ Player1Id: 0, player_name: Player1Name, currentLevel2: Start2Level, status3Field: { tag: 'Active1' } });
});
export const AddPerson2 = spacetimedb.reducer({ First3Name: t.string(), playerRef: t.u32(), AgeValue: t.u8(), ScoreTotal: t.u32() }, () => {});
export const BanPlayer1 = spacetimedb.reducer({ name: 'banPlayer1' }, { Player1Id: t.u32(), BanUntil6: t.u32() }, () => {});
export const person_at_level_2 = spacetimedb.view({ name: 'Level2Person', public: true }, t.array(Person2.rowType), ctx =>
  ctx.from.player1.where(p => p.currentLevel2.eq(2)).rightSemijoin(ctx.from.person2, (player, person) => player.Player1Id.eq(person.playerRef)));
`;

/** Everything else the generator handles: named enums and structs, options, arrays, bytes, uuids, event and private tables, procedures. */
const KITCHEN_SINK = `
import { schema, t, table, SenderError } from 'spacetimedb/server';
const Color = t.enum('Color', { red: t.unit(), green: t.unit(), custom: t.string() });
const Point = t.object('Point', { x: t.f32(), y: t.f32() });
const Shape = t.enum('Shape', { circle: t.object('Circle', { center: Point, radius: t.f64() }), poly: t.array(Point) });
const drawing = table(
  { name: 'drawing', public: true, indexes: [{ accessor: 'byOwnerAndTitle', name: 'drawing_owner_title', algorithm: 'btree', columns: ['ownerId', 'title'] }] },
  {
    drawingId: t.u64().primaryKey().autoInc(),
    ownerId: t.identity(),
    title: t.string().unique(),
    color: Color,
    shapes: t.array(Shape),
    anchor: t.option(Point),
    thumbnail: t.byteArray(),
    weights: t.array(t.i128()),
    maybeColor: t.option(Color),
    uid: t.uuid(),
    took: t.timeDuration(),
  }
);
const secret = table({ name: 'secret' }, { id: t.u32().primaryKey(), note: t.string() });
const ping = table({ name: 'ping', public: true, event: true }, { from: t.identity(), payload: t.string() });
const spacetimedb = schema({ drawing, secret, ping });
export default spacetimedb;
export const draw = spacetimedb.reducer({ title: t.string(), color: Color, shapes: t.array(Shape), anchor: t.option(Point) }, (_ctx, { title }) => {
  if (!title) throw new SenderError('no title');
});
export const sendPing = spacetimedb.reducer({ payload: t.string() }, (ctx, { payload }) => {
  ctx.db.ping.insert({ from: ctx.sender, payload });
});
export const centroid = spacetimedb.procedure({ points: t.array(Point) }, t.option(Point), (_ctx, { points }) =>
  points.length ? { x: points[0]!.x, y: points[0]!.y } : undefined);
export const init = spacetimedb.init(() => {});
`;

const schemaOf = async (source: string): Promise<ModuleSchema> => {
  const { prelude, code } = await compile(source);
  return openDatabase({ prelude, code, clock: createVirtualClock(0n) }).schema;
};
const file = (files: GeneratedFile[], path: string): string => {
  const f = files.find(x => x.path === path);
  if (!f) throw new Error(`no ${path} among ${files.map(x => x.path).join(', ')}`);
  return f.code;
};
const HEADER = `// THIS FILE IS AUTOMATICALLY GENERATED BY SPACETIMEDB. EDITS TO THIS FILE
// WILL NOT BE SAVED. MODIFY TABLES IN YOUR MODULE SOURCE CODE INSTEAD.

/* eslint-disable */
/* tslint:disable */
import {
  TypeBuilder as __TypeBuilder,
  t as __t,
  type AlgebraicTypeType as __AlgebraicTypeType,
  type Infer as __Infer,
} from "spacetimedb";
`;

describe('identifier cases (convert_case word boundaries)', () => {
  it.each([
    ['player_name', 'playerName', 'PlayerName', 'player_name'],
    ['Player1Id', 'player1Id', 'Player1Id', 'player_1_id'],
    ['currentLevel2', 'currentLevel2', 'CurrentLevel2', 'current_level_2'],
    ['HTTPServer', 'httpServer', 'HttpServer', 'http_server'],
    ['board_viewer', 'boardViewer', 'BoardViewer', 'board_viewer'],
    ['banPlayer1', 'banPlayer1', 'BanPlayer1', 'ban_player_1'],
  ])('%s → %s / %s / %s', (input, camel, pascal, snake) => {
    expect([camelCase(input), pascalCase(input), snakeCase(input)]).toEqual([camel, pascal, snake]);
  });
});

describe('generated bindings', () => {
  let cc: GeneratedFile[];
  let sink: GeneratedFile[];
  let kanban: GeneratedFile[];
  let sinkSchema: ModuleSchema;
  beforeAll(async () => {
    cc = generateTypeScript(await schemaOf(CASE_CONVERSION));
    sinkSchema = await schemaOf(KITCHEN_SINK);
    sink = generateTypeScript(sinkSchema);
    const k = await compileModuleFile(join(ROOT, 'samples/kanban/index.ts'));
    kanban = generateTypeScript(openDatabase({ ...k, clock: createVirtualClock(0n) }).schema);
  });

  it('names files as upstream does', () => {
    expect(cc.map(f => f.path).sort()).toEqual([
      'add_person_2_reducer.ts',
      'ban_player_1_reducer.ts',
      'create_player_1_reducer.ts',
      'index.ts',
      'person_2_table.ts',
      'person_at_level_2_table.ts',
      'player_1_table.ts',
      'types.ts',
      'types/procedures.ts',
      'types/reducers.ts',
    ]);
  });

  it('writes table rows exactly as upstream: camelCase fields, .name() for the module name, getters for named types', () => {
    expect(file(cc, 'player_1_table.ts')).toBe(`${HEADER}import {
  Player2Status,
} from "./types";


export default __t.row({
  player1Id: __t.u32().primaryKey().name("Player1Id"),
  playerName: __t.string().name("player_name"),
  currentLevel2: __t.u32(),
  get status3Field() {
    return Player2Status;
  },
});
`);
    expect(file(cc, 'person_2_table.ts')).toBe(`${HEADER}import {
  Person3Info,
} from "./types";


export default __t.row({
  person2Id: __t.u32().primaryKey().name("Person2Id"),
  firstName: __t.string().name("FirstName"),
  playerRef: __t.u32(),
  get personInfo() {
    return Person3Info;
  },
});
`);
  });

  it('writes reducer params and named types as upstream', () => {
    expect(file(cc, 'ban_player_1_reducer.ts')).toBe(`${HEADER}
export default {
  player1Id: __t.u32(),
  banUntil6: __t.u32(),
};
`);
    const types = file(cc, 'types.ts');
    expect(types).toContain(`export const Person3Info = __t.object("Person3Info", {
  ageValue1: __t.u8(),
  scoreTotal: __t.u32(),
});
export type Person3Info = __Infer<typeof Person3Info>;
`);
    expect(types).toContain(`// The tagged union or sum type for the algebraic type \`Player2Status\`.
export const Player2Status = __t.enum("Player2Status", {
  Active1: __t.unit(),
  BannedUntil: __t.u32(),
});
export type Player2Status = __Infer<typeof Player2Status>;
`);
    expect(types).toContain('export const Player1 = __t.object("Player1", {');
    // The library registers each reducer's params as a type named after it; upstream leaves those out.
    expect(types).not.toMatch(/BanPlayer1|CreatePlayer1|AddPerson2/);
  });

  it('writes index.ts: tables by accessor with canonical names, indexes, constraints, canonical reducer names, views', () => {
    const index = file(cc, 'index.ts');
    expect(index).toContain(`const tablesSchema = __schema({
  player1: __table({
    name: 'Player1Canonical',
    indexes: [
      { accessor: 'Player1Id', name: 'Player1Canonical_player_1_id_idx_btree', algorithm: 'btree', columns: [
        'player1Id',
      ] },
    ],
    constraints: [
      { name: 'Player1Canonical_player_1_id_key', constraint: 'unique', columns: ['player1Id'] },
    ],
  }, Player1Row),
  person2: __table({
    name: 'person_2',
    indexes: [
      { accessor: 'Person2Id', name: 'person_2_person_2_id_idx_btree', algorithm: 'btree', columns: [
        'person2Id',
      ] },
      { accessor: 'playerRef', name: 'person_2_player_ref_idx_btree', algorithm: 'btree', columns: [
        'playerRef',
      ] },
    ],
    constraints: [
      { name: 'person_2_person_2_id_key', constraint: 'unique', columns: ['person2Id'] },
    ],
  }, Person2Row),
  person_at_level_2: __table({
    name: 'Level2Person',
    indexes: [
    ],
    constraints: [
    ],
  }, PersonAtLevel2Row),
});`);
    expect(index).toContain(`const reducersSchema = __reducers(
  __reducerSchema("add_person_2", AddPerson2Reducer),
  __reducerSchema("banPlayer1", BanPlayer1Reducer),
  __reducerSchema("create_player_1", CreatePlayer1Reducer),
);`);
    expect(index).toContain('import Player1Row from "./player_1_table";');
    const version = /cliVersion: "(\d+)\.(\d+)\.(\d+)" as const/.exec(index);
    expect(version).not.toBeNull();
    expect(Number(version![1])).toBeGreaterThanOrEqual(2);
    for (const name of ['DbConnection', 'DbConnectionBuilder', 'SubscriptionBuilder']) expect(index).toContain(`export class ${name} `);
    for (const name of ['EventContext', 'ReducerEventContext', 'SubscriptionEventContext', 'ErrorContext', 'SubscriptionHandle']) {
      expect(index).toContain(`export type ${name} = `);
    }
  });

  it('leaves out lifecycle and scheduled reducers and private tables, keeps their types', () => {
    expect(kanban.map(f => f.path).filter(p => p.endsWith('_reducer.ts')).sort()).toEqual([
      'add_card_reducer.ts',
      'add_collaborator_reducer.ts',
      'assign_card_reducer.ts',
      'create_board_reducer.ts',
      'move_card_reducer.ts',
      'set_name_reducer.ts',
      'start_viewing_board_reducer.ts',
      'stop_viewing_board_reducer.ts',
    ]);
    expect(kanban.map(f => f.path)).not.toContain('metric_timer_table.ts');
    const index = file(kanban, 'index.ts');
    expect(index).not.toMatch(/client_connected|rollup_metrics|"init"|metric_timer/);
    expect(index).toContain(`  boardViewer: __table({
    name: 'board_viewer',`);
    expect(index).toContain("{ accessor: 'user_connections', name: 'board_viewer_identity_connection_id_idx_btree', algorithm: 'btree', columns: [");
    expect(file(kanban, 'types.ts')).toContain('export const MetricTimer = __t.object("MetricTimer", {');
    expect(file(kanban, 'card_table.ts')).toContain('  completedAt: __t.option(__t.timestamp()).name("completed_at"),\n');

    expect(sink.map(f => f.path)).not.toContain('secret_table.ts');
    expect(file(sink, 'index.ts')).toContain("    event: true,\n  }, PingRow),");
    expect(file(sink, 'index.ts')).not.toContain('"init"');
    // --include-private brings private tables back; lifecycle reducers stay out.
    const withPrivate = generateTypeScript(sinkSchema, { includePrivate: true });
    expect(withPrivate.map(f => f.path)).toContain('secret_table.ts');
    expect(file(withPrivate, 'index.ts')).not.toContain('"init"');
  });

  it('writes sums, options, arrays, bytes and procedures with upstream builders', () => {
    expect(file(sink, 'drawing_table.ts')).toContain(`  get shapes() {
    return __t.array(Shape);
  },
  get anchor() {
    return __t.option(Point);
  },
  thumbnail: __t.byteArray(),
  weights: __t.array(__t.i128()),
`);
    expect(file(sink, 'types.ts')).toContain(`export const Color = __t.enum("Color", {
  Red: __t.unit(),
  Green: __t.unit(),
  Custom: __t.string(),
});`);
    expect(file(sink, 'centroid_procedure.ts')).toContain(`export const params = {
  get points() {
    return __t.array(Point);
  },
};
export const returnType = __t.option(Point);
`);
    expect(file(sink, 'index.ts')).toContain('__procedureSchema("centroid", CentroidProcedure.params, CentroidProcedure.returnType),');
    expect(file(sink, 'types/reducers.ts')).toContain('export type SendPingParams = __Infer<typeof SendPingReducer>;');
    expect(file(sink, 'types/procedures.ts')).toContain('export type CentroidResult = __Infer<typeof CentroidProcedure.returnType>;');
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
