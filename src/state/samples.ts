/**
 * The samples gallery: every folder of `samples/` with its `sample.json`
 * (title, description, order) and all of its `.ts` files, loaded on demand.
 */
import type { SourceFiles } from '../../worker/api.ts';

type SampleMeta = { title: string; description: string; order?: number };
export type Sample = { id: string; title: string; description: string; load(): Promise<SourceFiles> };

const metas = import.meta.glob<SampleMeta>('../../samples/*/sample.json', { eager: true, import: 'default' });
const sources = import.meta.glob<string>('../../samples/*/*.ts', { query: '?raw', import: 'default' });

const folderOf = (path: string): string => path.split('/').at(-2) ?? '';
const fileOf = (path: string): string => path.split('/').at(-1) ?? '';

export const SAMPLES: Sample[] = Object.entries(metas)
  .map(([path, meta]) => {
    const id = folderOf(path);
    const files = Object.entries(sources).filter(([p]) => folderOf(p) === id);
    return {
      id,
      title: meta.title,
      description: meta.description,
      order: meta.order ?? 99,
      async load(): Promise<SourceFiles> {
        const loaded = await Promise.all(files.map(async ([p, load]) => [fileOf(p), await load()] as const));
        return Object.fromEntries(loaded.sort(([a], [b]) => (a === 'index.ts' ? -1 : b === 'index.ts' ? 1 : a.localeCompare(b))));
      },
    };
  })
  .sort((a, b) => a.order - b.order)
  .map(({ order: _order, ...s }) => s);

export const FIRST_SAMPLE = 'kanban';
export const ENTRY = 'index.ts';

/** The Kanban sample's first-visit world: two users, each with a board, subscribed to what RLS lets them see. */
export const KANBAN_QUERIES = ['SELECT * FROM board', 'SELECT * FROM card', 'SELECT * FROM user'];
export const KANBAN_SEED: { reducer: string; args: string; as: string }[] = [
  { reducer: 'set_name', args: '{"name":"Alice"}', as: 'alice' },
  { reducer: 'set_name', args: '{"name":"Bob"}', as: 'bob' },
  { reducer: 'create_board', args: '{"name":"Launch plan"}', as: 'alice' },
  { reducer: 'create_board', args: '{"name":"Bug triage"}', as: 'bob' },
  { reducer: 'add_card', args: '{"board_id":1,"title":"Write the announcement"}', as: 'alice' },
  { reducer: 'add_card', args: '{"board_id":1,"title":"Record the demo"}', as: 'alice' },
  { reducer: 'add_card', args: '{"board_id":2,"title":"Login fails on Safari"}', as: 'bob' },
];
