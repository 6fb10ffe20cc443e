/**
 * The TypeScript bindings generator: identifier cases, file names, and table,
 * reducer, procedure and named-type files checked against upstream's
 * generated case-conversion test client
 * (crates/bindings-typescript/case-conversion-test-client/src/module_bindings,
 * whose module test-fixtures.ts rewrites in TypeScript).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { camelCase, pascalCase, snakeCase } from './case.ts';
import { file, generateBindings, HEADER } from './test-fixtures.ts';
import type { GeneratedFile } from './typescript.ts';

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
  beforeAll(async () => {
    ({ cc, sink } = await generateBindings());
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
});
