/**
 * The generated `index.ts` (schemas, `REMOTE_MODULE`, connection classes)
 * and what the generator leaves out: private tables, lifecycle and
 * scheduled reducers (unless asked to include private ones).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModuleSchema } from '../module/schema-types.ts';
import { file, generateBindings } from './test-fixtures.ts';
import { generateTypeScript, type GeneratedFile } from './typescript.ts';

describe('generated index.ts', () => {
  let cc: GeneratedFile[];
  let sink: GeneratedFile[];
  let kanban: GeneratedFile[];
  let sinkSchema: ModuleSchema;
  beforeAll(async () => {
    ({ cc, sink, kanban, sinkSchema } = await generateBindings());
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

});
