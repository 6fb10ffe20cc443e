/**
 * Bridges to the `spacetimedb` library's JS runtime values (bigint, Identity,
 * Timestamp, `{ tag, value }` sums, `undefined` for none...), by way of BSATN
 * so the two representations can never disagree on the bytes.
 *
 * Caveat (library 2.10.1): its serializer for `Result` (`ok`/`err`) encodes an
 * `err` payload with the `ok` type, so `libValueToJson` of a Result whose error
 * type differs from its ok type is wrong; everything else is exact.
 */
import { AlgebraicType as LibAlgebraicType, BinaryReader, BinaryWriter, type AlgebraicType } from 'spacetimedb';
import { bsatnToJson } from './json-decode.ts';
import { jsonToBsatn } from './json-encode.ts';
import { ValueError, type Json, type Typespace } from './types.ts';

const space = (typespace: Typespace): { types: AlgebraicType[] } => ({ types: typespace as AlgebraicType[] });

/** Library runtime value → CLI JSON. */
export function libValueToJson(type: AlgebraicType, typespace: Typespace, value: unknown): Json {
  const writer = new BinaryWriter(64);
  LibAlgebraicType.makeSerializer(type, space(typespace))(writer, value);
  return bsatnToJson(type, typespace, writer.getBuffer()).value;
}

/** CLI JSON → library runtime value (throws `ValueError` on bad input, path rooted at `root`). */
export function jsonToLibValue(type: AlgebraicType, typespace: Typespace, json: unknown, root = ''): unknown {
  const bytes = jsonToBsatn(type, typespace, json, root);
  const reader = new BinaryReader(bytes);
  const value: unknown = LibAlgebraicType.makeDeserializer(type, space(typespace))(reader);
  if (reader.offset !== bytes.length) throw new ValueError('library decoder did not consume the whole value');
  return value;
}
