// Lookups and permission checks shared by the reducers.
import type { Identity } from 'spacetimedb';
import { SenderError } from 'spacetimedb/server';
import type { Ctx } from './schema';

export function findBoard(ctx: Ctx, boardId: bigint) {
  const board = ctx.db.board.board_id.find(boardId);
  if (!board) throw new SenderError(`Board ${boardId} does not exist`);
  return board;
}

export function isCollaborator(ctx: Ctx, boardId: bigint, who: Identity) {
  for (const row of ctx.db.collaborator.board_id.filter(boardId)) {
    if (row.identity.isEqual(who)) return true;
  }
  return false;
}

/** The board, if the caller collaborates on it; a SenderError otherwise. */
export function boardOfCollaborator(ctx: Ctx, boardId: bigint) {
  const board = findBoard(ctx, boardId);
  if (!isCollaborator(ctx, boardId, ctx.sender)) {
    throw new SenderError(`Only collaborators of board ${boardId} can do this`);
  }
  return board;
}

/** The card, if the caller collaborates on its board. */
export function cardOfCollaborator(ctx: Ctx, cardId: bigint) {
  const card = ctx.db.card.card_id.find(cardId);
  if (!card) throw new SenderError(`Card ${cardId} does not exist`);
  boardOfCollaborator(ctx, card.board_id);
  return card;
}

/** Names and titles are trimmed and must not be empty. */
export function requireText(what: string, text: string) {
  const trimmed = text.trim();
  if (!trimmed) throw new SenderError(`${what} must not be empty`);
  return trimmed;
}
