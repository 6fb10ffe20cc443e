/**
 * A project's data across both stores: its record and journal in the
 * `ProjectStore`, its timelines (`<project>/<label>`) in the
 * `HistoryStorage`. Copying writes everything under the new name, the
 * record last (a project is listed only once it is whole); a copy that
 * fails part-way is removed again, so a failure changes nothing.
 */
import type { ProjectRecord, ProjectStore } from '../session/project-store.ts';
import type { HistoryStorage } from './types.ts';

const prefix = (project: string): string => `${project}/`;

/** The stored names of `project`'s timelines. */
export async function timelinesOf(histories: HistoryStorage, project: string): Promise<string[]> {
  return (await histories.list()).map(t => t.name).filter(n => n.startsWith(prefix(project)));
}

/** Writes `record` (already named `to`) with a copy of `from`'s journal and timelines. */
export async function copyProjectData(store: ProjectStore, histories: HistoryStorage, from: string, record: ProjectRecord): Promise<void> {
  const to = record.name;
  try {
    const journal = await store.loadJournal(from);
    if (journal) await store.saveJournal(to, journal);
    for (const name of await timelinesOf(histories, from)) {
      const h = await histories.load(name);
      if (!h) continue;
      // A fork names the timeline it came from: that one is copied too, under the new project.
      const forkOf = h.header.forkOf && { ...h.header.forkOf, timeline: h.header.forkOf.timeline.replace(prefix(from), prefix(to)) };
      await histories.save(prefix(to) + name.slice(prefix(from).length), { header: { ...h.header, ...(forkOf ? { forkOf } : {}) }, entries: h.entries });
    }
    await store.saveProject(record);
  } catch (e) {
    await removeProjectData(store, histories, to).catch(() => {});
    throw e;
  }
}

/** Deletes `project`'s timelines, then its record and journal (until then a half-deleted project stays listed). */
export async function removeProjectData(store: ProjectStore, histories: HistoryStorage, project: string): Promise<void> {
  for (const name of await timelinesOf(histories, project)) await histories.remove(name);
  await store.deleteProject(project);
}
