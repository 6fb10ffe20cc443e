import { describe, expect, it } from 'vitest';
import { toSnakeCase } from './naming.ts';

// Expectations from upstream's case-conversion test client
// (crates/bindings-typescript/case-conversion-test-client/src/module_bindings/index.ts)
// and the convert_case 0.6 word boundaries the schema validator uses.
describe('canonical snake_case names', () => {
  it.each([
    ['Person2', 'person_2'],
    ['Player1Id', 'player_1_id'],
    ['AddPerson2', 'add_person_2'],
    ['i8', 'i_8'],
    ['accessor_value1', 'accessor_value_1'],
    ['sendMessage', 'send_message'],
    ['set_name', 'set_name'],
    ['HTTPServer', 'http_server'],
    ['userProfile', 'user_profile'],
    ['boardId', 'board_id'],
    ['user', 'user'],
  ])('%s becomes %s', (input, expected) => {
    expect(toSnakeCase(input)).toBe(expected);
  });
});
