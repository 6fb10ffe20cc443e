/**
 * The host's sharing and export verbs. Whatever comes from outside (a
 * share link's sources, a project file) becomes a NEW project under a name
 * the engine picks among the stored ones, so it can neither overwrite nor
 * read another project; it is checked before anything is stored.
 */
import type { Diagnostic, EsbuildApi, SourceFiles } from '../build/build.ts';
import { createVirtualClock } from '../engine/clock.ts';
import { openDatabase } from '../engine/database.ts';
import type { ModuleSchema } from '../module/schema-types.ts';
import { summarizeModule } from '../module/summary.ts';
import type { Journal } from '../session/journal.ts';
import { compileModule, loadSession } from '../session/load.ts';
import type { ProjectInfo, ProjectRecord, ProjectStore } from '../session/project-store.ts';
import { fail, type Failure } from '../session/results.ts';
import { ejectProject } from './eject.ts';
import { parseProjectFile, serializeProjectFile } from './project-file.ts';
import { checkSources, cleanName, uniqueName } from './sources.ts';

export type Created = { ok: true; name: string; warning?: string } | Failure;
export type NewProject = { name: string; files: SourceFiles; entry: string; sample?: string };

type Deps = { esbuild: EsbuildApi; prelude: string };

type Described = { ok: true; schema: ModuleSchema; warnings: Diagnostic[] } | Failure;

/** A module's schema without publishing it: loaded into a throwaway database, as `describe` does. */
async function describeSources(deps: Deps, files: SourceFiles, entry: string): Promise<Described> {
  const built = await compileModule(deps.esbuild, files, entry);
  if (!built.ok) return built;
  try {
    const db = openDatabase({ prelude: deps.prelude, code: built.code, clock: createVirtualClock(0n) });
    return { ok: true, schema: db.schema, warnings: built.warnings };
  } catch (e) {
    return fail('load', `The module failed to load: ${e instanceof Error ? e.message : String(e)}`);
  }
}

const noStore = (): Failure => fail('bad-args', 'This engine keeps no projects (it has no storage).');

export function createProjectIo(deps: Deps, store: ProjectStore | undefined, flush: () => Promise<void>) {
  async function create(record: ProjectRecord, journal: Journal | undefined): Promise<Created> {
    if (!store) return noStore();
    let warning: string | undefined;
    if (journal) {
      // Replayed once here, so a journal that cannot rebuild its data never becomes a project's.
      const r = await loadSession(deps, journal.files, journal.entry, () => {}, journal.inputs);
      if (r.ok) r.session.close();
      else {
        warning = `Its data could not be rebuilt (${r.error.message}); the project opens with its sources only.`;
        journal = undefined;
      }
    }
    const taken = (await store.listProjects()).map(p => p.name);
    // "/" separates a project from its timelines' labels in the history storage.
    const base = record.name.replaceAll('/', '-');
    let name = uniqueName(base, taken);
    // A project published but not yet saved has a journal and no record: its name is taken too.
    while (await store.loadJournal(name)) {
      taken.push(name);
      name = uniqueName(base, taken);
    }
    await store.saveProject({ ...record, name, updatedAt: Date.now() });
    if (journal) await store.saveJournal(name, { ...journal, session: journal.inputs[0]?.at ?? 0n });
    return { ok: true, name, ...(warning ? { warning } : {}) };
  }

  return {
    list: async (): Promise<ProjectInfo[]> => (store ? store.listProjects() : []),

    async create(p: NewProject): Promise<Created> {
      const problem = checkSources(p.files, p.entry);
      if (problem) return fail('bad-args', `These sources cannot be opened: ${problem}.`);
      const name = cleanName(p.name, 'Untitled project');
      return create({ name, files: p.files, entry: p.entry, ...(p.sample ? { sample: cleanName(p.sample, '') } : {}), clients: [], updatedAt: Date.now() }, undefined);
    },

    async importFile(text: string): Promise<Created> {
      const parsed = parseProjectFile(text);
      if (!parsed.ok) return fail('bad-args', parsed.message);
      return create(parsed.value.project, parsed.value.journal);
    },

    /** `title`: the name the file gives the project (an import starts from it). */
    async exportFile(record: ProjectRecord, title = record.name): Promise<{ ok: true; text: string } | Failure> {
      if (!store) return noStore();
      await flush();
      const stored = await store.loadJournal(record.name);
      const journal = stored && { files: stored.files, entry: stored.entry, inputs: stored.inputs };
      return { ok: true, text: serializeProjectFile({ project: { ...record, name: title }, journal }) };
    },

    async eject(name: string, files: SourceFiles, entry: string) {
      const r = await describeSources(deps, files, entry);
      if (!r.ok) return r.error.code === 'compile' ? fail('bad-args', `${r.error.message}: fix them, then download again.`) : r;
      return ejectProject(cleanName(name, 'spacetime-module'), files, entry, r.schema);
    },

    async describe(files: SourceFiles, entry: string) {
      const r = await describeSources(deps, files, entry);
      return r.ok ? { ok: true as const, module: summarizeModule(r.schema), warnings: r.warnings } : r;
    },
  };
}
