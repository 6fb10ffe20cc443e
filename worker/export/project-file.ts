/**
 * The project file: one JSON document holding a project's record (sources
 * with drafts, clients, layout) and its journal (the published version and
 * every input since, whose replay rebuilds the data and its log). Versioned
 * by `format` and `version`; a reader refuses what it does not know with a
 * sentence that says why.
 */
import type { ClientSpec, ProjectRecord } from '../session/project-store.ts';
import type { Journal } from '../session/journal.ts';
import { decodeInput, encodeInput, ProjectFileError } from './input-codec.ts';
import { checkSources, cleanName } from './sources.ts';

export const PROJECT_FILE_FORMAT = 'spacetime-playground-project';
export const PROJECT_FILE_VERSION = 1;
const MAX_CHARS = 64 * 1024 * 1024;

export type ProjectFile = { project: ProjectRecord; journal: Journal | undefined };
export type ParsedProjectFile = { ok: true; value: ProjectFile } | { ok: false; message: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export function serializeProjectFile({ project, journal }: ProjectFile): string {
  const { name, files, entry, sample, clients, layout } = project;
  return JSON.stringify({
    format: PROJECT_FILE_FORMAT,
    version: PROJECT_FILE_VERSION,
    exportedAt: new Date().toISOString(),
    project: { name, entry, ...(sample ? { sample } : {}), files, clients, ...(layout ? { layout } : {}) },
    journal: journal ? { entry: journal.entry, files: journal.files, inputs: journal.inputs.map(encodeInput) } : null,
  }, null, 1);
}

export function parseProjectFile(text: string): ParsedProjectFile {
  const not = (why: string): ParsedProjectFile => ({ ok: false, message: `This is not a Spacetime Playground project file: ${why}. Nothing was imported.` });
  if (text.length > MAX_CHARS) return not(`it is larger than ${MAX_CHARS / 1024 / 1024} MB`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return not('it is not JSON (was it cut short, or is it another kind of file?)');
  }
  if (!isObj(doc) || doc.format !== PROJECT_FILE_FORMAT) return not(`it has no "format": "${PROJECT_FILE_FORMAT}"`);
  if (doc.version !== PROJECT_FILE_VERSION) {
    const newer = typeof doc.version === 'number' && doc.version > PROJECT_FILE_VERSION;
    const why = newer ? 'it comes from a newer Spacetime Playground: update the page and try again' : 'that version is not supported';
    return { ok: false, message: `This project file is version ${String(doc.version)}; this playground reads version ${PROJECT_FILE_VERSION}, and ${why}. Nothing was imported.` };
  }
  try {
    return { ok: true, value: { project: readProject(doc.project), journal: readJournal(doc.journal) } };
  } catch (e) {
    if (!(e instanceof ProjectFileError)) throw e;
    return { ok: false, message: `This project file is damaged (${e.message}). Nothing was imported.` };
  }
}

function readProject(v: unknown): ProjectRecord {
  if (!isObj(v)) throw new ProjectFileError('the project is missing');
  const problem = checkSources(v.files, v.entry);
  if (problem) throw new ProjectFileError(problem);
  return {
    name: cleanName(v.name, 'Imported project'),
    files: v.files as Record<string, string>,
    entry: v.entry as string,
    ...(typeof v.sample === 'string' ? { sample: cleanName(v.sample, '') } : {}),
    clients: readClients(v.clients),
    ...(isObj(v.layout) ? { layout: readLayout(v.layout) } : {}),
    updatedAt: Date.now(),
  };
}

function readClients(v: unknown): ClientSpec[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.length > 100) throw new ProjectFileError('clients must be a list of at most 100');
  return v.map((c: unknown, i) => {
    const ok = isObj(c) && typeof c.name === 'string' && Array.isArray(c.queries) && c.queries.every(q => typeof q === 'string');
    if (!ok) throw new ProjectFileError(`client ${i} needs a name and a list of queries`);
    const tabOf = typeof c.tabOf === 'string' && c.tabOf.trim() ? { tabOf: cleanName(c.tabOf, '') } : {};
    return { name: cleanName(c.name, `client${i + 1}`), queries: (c.queries as string[]).slice(0, 100), connected: c.connected === true, ...tabOf };
  });
}

function readLayout(v: Obj): Record<string, string | number> {
  const entries = Object.entries(v).filter(([, x]) => typeof x === 'string' || typeof x === 'number');
  return Object.fromEntries(entries.slice(0, 50)) as Record<string, string | number>;
}

function readJournal(v: unknown): Journal | undefined {
  if (v === null || v === undefined) return undefined;
  if (!isObj(v) || !Array.isArray(v.inputs)) throw new ProjectFileError('the journal has no inputs');
  const problem = checkSources(v.files, v.entry);
  if (problem) throw new ProjectFileError(`journal: ${problem}`);
  const inputs = v.inputs.map((x, i) => decodeInput(x, i));
  if (inputs[0]?.kind !== 'publish') throw new ProjectFileError('the journal does not start with a publish');
  return { files: v.files as Record<string, string>, entry: v.entry as string, inputs };
}
