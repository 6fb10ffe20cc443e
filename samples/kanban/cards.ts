// Cards move across the columns of a board. Only collaborators touch them.
import { SenderError, t } from 'spacetimedb/server';
import {
  boardOfCollaborator,
  cardOfCollaborator,
  isCollaborator,
  requireText,
} from './access';
import spacetimedb from './schema';

const STATES = ['todo', 'doing', 'done'];

export const add_card = spacetimedb.reducer(
  { board_id: t.u64(), title: t.string() },
  (ctx, { board_id, title }) => {
    boardOfCollaborator(ctx, board_id);
    ctx.db.card.insert({
      card_id: 0n, // assigned by autoInc
      board_id,
      title: requireText('Card titles', title),
      state: 'todo',
      assignee: ctx.sender,
      created_at: ctx.timestamp,
      completed_at: undefined,
    });
  }
);

export const move_card = spacetimedb.reducer(
  { card_id: t.u64(), state: t.string() },
  (ctx, { card_id, state }) => {
    const card = cardOfCollaborator(ctx, card_id);
    if (!STATES.includes(state)) {
      throw new SenderError(
        `Unknown state '${state}': use ${STATES.join(', ')}`
      );
    }
    if (card.state === state) return;
    const completed_at = state === 'done' ? ctx.timestamp : undefined;
    ctx.db.card.card_id.update({ ...card, state, completed_at });
  }
);

export const assign_card = spacetimedb.reducer(
  { card_id: t.u64(), assignee: t.identity() },
  (ctx, { card_id, assignee }) => {
    const card = cardOfCollaborator(ctx, card_id);
    if (!isCollaborator(ctx, card.board_id, assignee)) {
      throw new SenderError('Cards can only be assigned to collaborators');
    }
    ctx.db.card.card_id.update({ ...card, assignee });
  }
);
