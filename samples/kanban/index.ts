// Kanban: boards, cards, collaborators, presence and a scheduled metric
// rollup, split over several files. SpacetimeDB reads this entry file: its
// default export is the schema, and each named export is a reducer or a
// visibility filter, whatever file it was written in.
import spacetimedb from './schema';

export default spacetimedb;
export { set_name, client_connected, client_disconnected } from './users';
export {
  create_board,
  add_collaborator,
  board_visibility,
  card_visibility,
} from './boards';
export { add_card, move_card, assign_card } from './cards';
export { start_viewing_board, stop_viewing_board } from './presence';
export { init, rollup_metrics } from './metrics';
