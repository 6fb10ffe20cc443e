import { BinaryReader, BinaryWriter, ProductType } from 'spacetimedb';
import type { ModuleSchema, TableSchema } from '../module/schema-types.ts';
import type { ScheduleAtValue } from './scheduler.ts';

type Decoded = Record<string, unknown>;
const decoders = new WeakMap<TableSchema, (r: BinaryReader) => Decoded>();

/** Reads a schedule table row's id and `ScheduleAt` with the library's own decoder. */
export function readScheduleRow(schema: ModuleSchema, table: TableSchema, row: Uint8Array): { id: bigint; at: ScheduleAtValue } {
  let decode = decoders.get(table);
  if (!decode) {
    decode = ProductType.makeDeserializer(table.rowType, { types: schema.typespace }) as (r: BinaryReader) => Decoded;
    decoders.set(table, decode);
  }
  const value = decode(new BinaryReader(row));
  const sched = table.schedule!;
  const id = BigInt(value[table.columns[sched.idColumn]!.sourceName] as bigint | number);
  const at = value[table.columns[sched.scheduleAtColumn]!.sourceName] as
    | { tag: 'Interval'; value: { __time_duration_micros__: bigint } }
    | { tag: 'Time'; value: { __timestamp_micros_since_unix_epoch__: bigint } };
  return at.tag === 'Interval'
    ? { id, at: { tag: 'Interval', micros: at.value.__time_duration_micros__ } }
    : { id, at: { tag: 'Time', micros: at.value.__timestamp_micros_since_unix_epoch__ } };
}

/** BSATN of a u64 primary key, the point-scan key for the schedule table's id index. */
export function u64Key(id: bigint): Uint8Array {
  const w = new BinaryWriter(8);
  w.writeU64(id);
  return w.getBuffer();
}
