/**
 * SpacetimeDB's SQL dialect: ad-hoc SQL (`executeSql`), subscription queries
 * (`compileSubscription`, `evaluateSubscription`), and row-level security.
 * Every failure is a value `{ code, message }` with upstream's message text.
 */
export { executeSql, type ExecuteOptions, type SqlOutcome, type SqlStats, type SqlSuccess } from './execute.ts';
export {
  compileSubscription,
  evaluateSubscription,
  type CompileOutcome,
  type JoinSide,
  type SubscribeOptions,
  type SubscriptionPlan,
} from './subscription.ts';
export { createRls, groupRules, visibleRows, type Rls, type RlsRule } from './rls.ts';
export { planDml, runDml, type DmlPlan, type DmlResult } from './dml.ts';
export { parseSql, parseSubscription } from './grammar.ts';
export { typeStatement, type Statement } from './statement.ts';
export { createSchemaView, type SchemaView, type SqlAuth } from './schema-view.ts';
export { SqlError, type SqlErrorCode } from './errors.ts';
export { formatSats } from './sats-format.ts';
export type { SqlColumn } from './select.ts';
export type { Expr, FieldRef, ProjectList, RelExpr, Relvar, SelectPlan } from './plan.ts';
