// Boards, their collaborators, and who may see them.
import { SenderError, t } from 'spacetimedb/server';
import { findBoard, isCollaborator, requireText } from './access';
import spacetimedb from './schema';

export const create_board = spacetimedb.reducer(
  { name: t.string() },
  (ctx, { name }) => {
    const board = ctx.db.board.insert({
      board_id: 0n, // assigned by autoInc
      name: requireText('Board names', name),
      owner: ctx.sender,
    });
    // The owner collaborates on their own board, so the filter below shows it.
    ctx.db.collaborator.insert({
      id: 0n,
      board_id: board.board_id,
      identity: ctx.sender,
    });
    console.info(`Board ${board.board_id} '${board.name}' created`);
  }
);

export const add_collaborator = spacetimedb.reducer(
  { board_id: t.u64(), identity: t.identity() },
  (ctx, { board_id, identity }) => {
    const board = findBoard(ctx, board_id);
    if (!board.owner.isEqual(ctx.sender)) {
      throw new SenderError('Only the owner of a board can add collaborators');
    }
    if (!ctx.db.user.identity.find(identity)) {
      throw new SenderError(`No user with identity ${identity}`);
    }
    if (isCollaborator(ctx, board_id, identity)) {
      throw new SenderError('That user already collaborates on this board');
    }
    ctx.db.collaborator.insert({ id: 0n, board_id, identity });
  }
);

// Row-level security: a client sees only the boards it collaborates on,
// and only the cards of those boards.
export const board_visibility = spacetimedb.clientVisibilityFilter.sql(
  'SELECT board.* FROM board JOIN collaborator ON board.board_id = collaborator.board_id WHERE collaborator.identity = :sender'
);

export const card_visibility = spacetimedb.clientVisibilityFilter.sql(
  'SELECT card.* FROM card JOIN collaborator ON card.board_id = collaborator.board_id WHERE collaborator.identity = :sender'
);
