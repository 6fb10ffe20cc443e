/** The scenario file format (README "Scenarios"). */
export type Scenario = { clock?: string; steps: Step[] };

export type Step =
  | { connect: string }
  | { disconnect: string }
  | { call: string; as?: string; args?: unknown }
  | { advance: string | number }
  | { rows: string }
  | { sql: string; as?: string }
  | { subscribe: string | string[]; as?: string }
  | { unsubscribe: string | string[] | number; as?: string };

export const STEP_KINDS = ['connect', 'disconnect', 'call', 'advance', 'rows', 'sql', 'subscribe', 'unsubscribe'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** Bad scenario input: reported with the step that caused it, and the run stops. */
export class ScenarioError extends Error {
  override name = 'ScenarioError';
  readonly step: number | undefined;
  constructor(step: number | undefined, message: string) {
    super(step === undefined ? message : `step ${step}: ${message}`);
    this.step = step;
  }
}

const ALLOWED_KEYS: Record<StepKind, string[]> = {
  connect: ['connect'],
  disconnect: ['disconnect'],
  call: ['call', 'as', 'args'],
  advance: ['advance'],
  rows: ['rows'],
  sql: ['sql', 'as'],
  subscribe: ['subscribe', 'as'],
  unsubscribe: ['unsubscribe', 'as'],
};

const EXPECTED: Record<StepKind, string> = {
  connect: 'a client name',
  disconnect: 'a client name',
  call: 'a reducer name',
  advance: 'a duration such as "10s" or a number of microseconds',
  rows: 'a table name',
  sql: 'an SQL statement',
  subscribe: 'a query or a non-empty array of queries',
  unsubscribe: 'the queries of an earlier subscribe step (or its step index)',
};

/** Validates a parsed scenario's shape; returns each step's kind. */
export function checkScenario(value: unknown): { scenario: Scenario; kinds: StepKind[] } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ScenarioError(undefined, 'a scenario is a JSON object: { "clock": "2025-01-01T00:00:00Z", "steps": [ ... ] }');
  }
  const s = value as Record<string, unknown>;
  for (const key of Object.keys(s)) {
    if (key !== 'clock' && key !== 'steps') throw new ScenarioError(undefined, `unknown scenario field "${key}" (expected "clock" and "steps")`);
  }
  if (s.clock !== undefined && typeof s.clock !== 'string') throw new ScenarioError(undefined, '"clock" must be an RFC 3339 string such as "2025-01-01T00:00:00Z"');
  if (!Array.isArray(s.steps)) throw new ScenarioError(undefined, '"steps" must be an array of steps');
  const kinds = s.steps.map((step: unknown, i: number): StepKind => {
    if (step === null || typeof step !== 'object' || Array.isArray(step)) throw new ScenarioError(i, 'a step is an object such as {"connect": "alice"}');
    const keys = Object.keys(step);
    const kind = STEP_KINDS.find(k => k in step);
    if (!kind) throw new ScenarioError(i, `unknown step ${JSON.stringify(step)}: expected one of ${STEP_KINDS.join(', ')}`);
    const extra = keys.find(k => !ALLOWED_KEYS[kind].includes(k));
    if (extra) throw new ScenarioError(i, `unknown field "${extra}" in a ${kind} step (allowed: ${ALLOWED_KEYS[kind].join(', ')})`);
    const v = (step as Record<string, unknown>)[kind];
    const isQueries = typeof v === 'string' || (Array.isArray(v) && v.length > 0 && v.every(q => typeof q === 'string'));
    const valid =
      kind === 'advance' ? typeof v === 'string' || typeof v === 'number'
      : kind === 'subscribe' ? isQueries
      : kind === 'unsubscribe' ? isQueries || (typeof v === 'number' && Number.isInteger(v))
      : typeof v === 'string';
    if (!valid) throw new ScenarioError(i, `"${kind}" must be ${EXPECTED[kind]}`);
    const as = (step as Record<string, unknown>).as;
    if (as !== undefined && typeof as !== 'string') throw new ScenarioError(i, '"as" must be a client name');
    return kind;
  });
  return { scenario: s as Scenario, kinds };
}
