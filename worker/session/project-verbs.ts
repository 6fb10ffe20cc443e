/**
 * The host's verbs that manage stored projects: new (blank), rename,
 * duplicate (with its data) and delete. A project's data is its record,
 * its journal and its timelines (`storage/project-data.ts`).
 *
 * Renaming writes the new project whole, then deletes the old one, so a
 * crash part-way leaves both, never neither. Renaming or deleting the open
 * project first closes its session, so nothing is written under the old
 * name afterwards; the page then opens the renamed project, or another one.
 */
import { LIMITS, uniqueName } from '../export/sources.ts';
import { copyProjectData, removeProjectData } from '../storage/project-data.ts';
import { fullMessage } from '../storage/save-health.ts';
import type { ProjectInfo, ProjectRecord, ProjectStore } from './project-store.ts';
import type { Projects } from './projects.ts';
import { fail, type Failure } from './results.ts';

export type ProjectDone = { ok: true; name: string; projects: ProjectInfo[] } | Failure;

/** The module a new project starts with: one table and one reducer, ready to publish. */
export const BLANK_MODULE = `import { schema, t, table } from 'spacetimedb/server';

// A table to start from: add columns, tables and reducers, then Publish.
const note = table(
  { name: 'note', public: true },
  { id: t.u64().primaryKey().autoInc(), text: t.string() }
);

const spacetimedb = schema({ note });
export default spacetimedb;

export const add_note = spacetimedb.reducer({ text: t.string() }, (ctx, { text }) => {
  ctx.db.note.insert({ id: 0n, text });
});
`;

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** A project name as typed, checked: the trimmed name, or what to fix. */
export function checkProjectName(raw: unknown): { ok: true; name: string } | { ok: false; message: string } {
  if (typeof raw !== 'string') return { ok: false, message: 'A project name must be text.' };
  const name = raw.trim();
  if (!name) return { ok: false, message: 'A project needs a name: type one.' };
  if (name.length > LIMITS.nameChars) return { ok: false, message: `That name is ${name.length} characters long; a project name has at most ${LIMITS.nameChars}.` };
  if (CONTROL.test(name)) return { ok: false, message: 'A project name cannot contain control characters (tabs, line breaks).' };
  if (name.includes('/')) return { ok: false, message: 'A project name cannot contain "/": use another character.' };
  return { ok: true, name };
}

/** "X copy", "X copy 2", …, shortened so the copy's name fits too. */
export function copyName(title: string, taken: Iterable<string>): string {
  const base = `${title.slice(0, LIMITS.nameChars - ' copy 999'.length).trim()} copy`;
  return uniqueName(base, taken);
}

const storageFailure = (what: string, e: unknown): Failure => fail('storage', `${what}: ${fullMessage(e)} Nothing was changed.`);

/** `close`: ends the live session without recording more (the open project is being renamed or deleted). */
export function createProjectVerbs(projects: Projects, close: () => void) {
  const { store, histories } = projects;
  const noStore = (): Failure => fail('bad-args', 'This engine keeps no projects (it has no storage).');
  const exists = async (s: ProjectStore, name: string): Promise<boolean> => (await s.loadProject(name)) !== undefined || (await s.loadJournal(name)) !== undefined;
  const done = async (s: ProjectStore, name: string): Promise<ProjectDone> => ({ ok: true, name, projects: await s.listProjects() });
  const taken = (name: string): Failure => fail('bad-args', `There is already a project named "${name}": choose another name.`);
  const missing = (name: string): Failure => fail('bad-args', `There is no project "${name}" in this browser (it may have been deleted in another tab).`);

  /** Fails while `name` has changes only this tab holds: copying the stored project would leave them behind. */
  async function unsaved(name: string, doing: string): Promise<Failure | undefined> {
    await projects.flush();
    const n = projects.unsavedOf(name) && (await projects.retry(), projects.unsavedOf(name));
    if (!n) return undefined;
    return fail('storage', `${n} change${n === 1 ? '' : 's'} of "${name}" could not be saved yet (this browser's storage is full). Free space by deleting other projects, or export this one, then ${doing} it.`);
  }

  return {
    /** Creates a blank project named `name` (trimmed; 1–60 characters, no control characters or "/"). */
    async newProject(name: string): Promise<ProjectDone> {
      if (!store) return noStore();
      const checked = checkProjectName(name);
      if (!checked.ok) return fail('bad-args', checked.message);
      if (await exists(store, checked.name)) return taken(checked.name);
      const record: ProjectRecord = { name: checked.name, files: { 'index.ts': BLANK_MODULE }, entry: 'index.ts', clients: [], updatedAt: Date.now() };
      try {
        await store.saveProject(record);
      } catch (e) {
        return storageFailure(`The project "${checked.name}" could not be created`, e);
      }
      projects.revive(checked.name);
      return done(store, checked.name);
    },
    /** Renames a project with its data; the open one's session closes (the page reopens it by its new name). */
    async renameProject(from: string, to: string): Promise<ProjectDone> {
      if (!store) return noStore();
      const checked = checkProjectName(to);
      if (!checked.ok) return fail('bad-args', checked.message);
      const record = await store.loadProject(from);
      if (!record) return missing(from);
      if (checked.name === from) return done(store, from);
      if (await exists(store, checked.name)) return taken(checked.name);
      const held = await unsaved(from, 'rename');
      if (held) return held;
      if (from === projects.current()) close();
      await projects.flush();
      try {
        await copyProjectData(store, histories, from, { ...(await store.loadProject(from) ?? record), name: checked.name, updatedAt: Date.now() });
      } catch (e) {
        return storageFailure(`"${from}" could not be renamed`, e);
      }
      projects.forget(from);
      projects.revive(checked.name);
      // The copy is whole: a failure from here on leaves the old project beside it, never loses data.
      await removeProjectData(store, histories, from).catch(() => {});
      return done(store, checked.name);
    },
    /** Copies a project with its data as "`title` copy" (or "… copy 2", …); `title` defaults to its name. */
    async duplicateProject(name: string, title = name): Promise<ProjectDone> {
      if (!store) return noStore();
      const record = await store.loadProject(name);
      if (!record) return missing(name);
      const held = await unsaved(name, 'duplicate');
      if (held) return held;
      const copy = copyName(title.trim() || name, (await store.listProjects()).map(p => p.name));
      if (await exists(store, copy)) return taken(copy);
      try {
        await copyProjectData(store, histories, name, { ...record, name: copy, updatedAt: Date.now() });
      } catch (e) {
        return storageFailure(`"${name}" could not be duplicated`, e);
      }
      projects.revive(copy);
      return done(store, copy);
    },
    /** Deletes a project and all its data; the open one's session closes first (the page then opens another). */
    async deleteProject(name: string): Promise<ProjectDone> {
      if (!store) return noStore();
      if (!(await exists(store, name))) return missing(name);
      if (name === projects.current()) close();
      await projects.flush();
      projects.forget(name);
      try {
        await removeProjectData(store, histories, name);
      } catch (e) {
        return fail('storage', `"${name}" could not be deleted completely (${e instanceof Error ? e.message : String(e)}); try again.`);
      }
      // Space was freed: changes other projects held in this tab get another try.
      await projects.retry();
      return done(store, name);
    },
  };
}
