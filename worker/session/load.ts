import { moduleKey, type Prebuilt } from '../build/prebuilt.ts';
import { buildModule, type Diagnostic, type EsbuildApi, type SourceFiles } from '../build/build.ts';
import { ERRNO, HostError } from '../db/datastore-types.ts';
import type { ModuleSchema } from '../module/schema-types.ts';
import type { DataBase } from './carry.ts';
import type { Input } from './journal.ts';
import { fail, type Failure } from './results.ts';
import { openSession, type Session, type SessionEvent } from './session.ts';

export type Compiled = { ok: true; code: string; map: string; warnings: Diagnostic[] } | Failure;
/** `published`: the publish input a new session started with (journals begin with it). */
export type Loaded = { ok: true; session: Session; warnings: Diagnostic[]; published?: Input } | Failure;

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** `buildModule` with its errors as a `compile` failure. */
export async function compileModule(esbuild: EsbuildApi, files: SourceFiles, entry: string): Promise<Compiled> {
  const r = await buildModule(esbuild, files, entry);
  if (r.ok) return r;
  const n = r.errors.length;
  return { ok: false, error: { code: 'compile', message: `${n} compile error${n === 1 ? '' : 's'}`, diagnostics: r.errors } };
}

const PROGRESS_MS = 100;
const STEP = 256;

/**
 * `session.replay` in slices, reporting progress between them (at most
 * every `PROGRESS_MS`; none after the last slice). It never
 * yields: a schedule tick must not run between two recorded inputs, and
 * the engine's events reach the page while its thread is busy.
 */
function replayInSteps(session: Session, inputs: Input[], onProgress: (done: number, total: number) => void): ReturnType<Session['replay']> {
  let last: ReturnType<Session['replay']>;
  let reported = Date.now();
  for (let done = 0; done < inputs.length; ) {
    const step = inputs.slice(done, done + STEP);
    last = session.replay(step) ?? last;
    done += step.length;
    // Only mid-way: a replay that fits in one slice is over before anyone could see it.
    if (done < inputs.length && Date.now() - reported >= PROGRESS_MS) {
      reported = Date.now();
      onProgress(done, inputs.length);
    }
  }
  return last;
}

/**
 * Compiles a module and loads it into a new session, then publishes it now
 * or, given a journal's `inputs`, replays them. A module that fails to
 * load or whose `init` fails yields no session.
 */
export async function loadSession(
  deps: { esbuild: EsbuildApi; prelude: string; prebuilt?: Prebuilt },
  files: SourceFiles,
  entry: string,
  emit: (e: SessionEvent) => void,
  inputs?: Input[],
  /** Publishing over a running database: the data the new schema takes from it, or why it can't. */
  carry?: (next: ModuleSchema) => { ok: true; base: DataBase } | Failure,
  /** How far replaying `inputs` got, at most every `PROGRESS_MS`. */
  onProgress?: (done: number, total: number) => void
): Promise<Loaded> {
  const ready = deps.prebuilt?.modules[moduleKey(files, entry)];
  const built: Compiled = ready ? { ok: true, ...ready, warnings: [] } : await compileModule(deps.esbuild, files, entry);
  if (!built.ok) return built;
  let session: Session;
  try {
    session = openSession(deps.prelude, built.code, emit, built.map);
  } catch (e) {
    return fail('load', `The module failed to load: ${message(e)}`);
  }
  if (inputs) {
    let replayed;
    try {
      replayed = onProgress ? replayInSteps(session, inputs, onProgress) : session.replay(inputs);
    } catch (e) {
      // A journal from elsewhere (an imported file) may name clients or reducers this module lacks.
      session.close();
      return fail('init', `The journal could not be replayed: ${message(e)}`);
    }
    if (!replayed) return fail('init', 'The journal is empty: nothing to replay.');
    return { ok: true, session, warnings: built.warnings };
  }
  const taken = carry?.(session.db.schema);
  if (taken && !taken.ok) {
    session.close();
    return taken;
  }
  let applied;
  try {
    applied = session.applyNow(taken ? { kind: 'publish', base: taken.base } : { kind: 'publish' });
  } catch (e) {
    // Loading the carried rows checks the new unique constraints and primary keys against them.
    session.close();
    const why = e instanceof HostError && e.errno === ERRNO.UNIQUE_ALREADY_EXISTS ? 'a new unique constraint or primary key does not hold for the stored rows' : message(e);
    return { ok: false, error: { code: 'migration', message: `The stored data can't be kept: ${why}.`, reasons: [why] } };
  }
  const outcome = applied.tx?.outcome;
  if (outcome && outcome.status !== 'committed') {
    session.close();
    const why = outcome.status === 'failed' && outcome.kind === 'internal' ? outcome.detail : outcome.message;
    return fail('init', `The init reducer failed: ${why}`);
  }
  return { ok: true, session, warnings: built.warnings, published: applied.entry.input };
}
