/**
 * errand as a library. `runRequest` runs an errand the way `errand run` does; the parts it is made
 * of — the guarded loop, the guard, the journal, the sandbox world, models and MCP connectors — are
 * here for programs that put them together their own way. Scripted models for tests are in
 * `errand/testing`, the world alone in `errand/world`.
 */
export type { ErrandEvent, JournalEvent, Outcome, Usage } from './agent/events.js';
export { Journal } from './agent/journal.js';
export type { Receipt, Report } from './agent/report.js';
export { newErrandId, type RunOptions, type RunResult, runErrand } from './agent/runner.js';
export type { Profile, TaskInput } from './agent/task.js';
export { McpConnector, type McpEndpoint } from './connectors/mcp.js';
export { type Sandbox, type SandboxOptions, startSandbox } from './connectors/sandbox.js';
export type { Connector } from './connectors/types.js';
export {
  createErrandMcpServer,
  type DeskOptions,
  ErrandDesk,
  type ErrandStatus,
  type PendingQuestion,
  prepareErrand,
  QuestionBoard,
  type QuestionView,
  type RequestOptions,
  runRequest,
  type StartInput,
  serveErrandMcp,
  WorldPool,
  type WorldPoolOptions,
} from './errands/index.js';
export { ERROR_CODES, ErrandError, type ErrorBody, type ErrorCode } from './errors.js';
export {
  type ActionView,
  type Answer,
  type Approver,
  type Guard,
  type IntentSet,
  MandateGuard,
  type Mandate,
  type MandateInput,
  mandateSchema,
  narrowMandate,
  type Question,
  unattended,
  type Verdict,
} from './guard/index.js';
export { type ResolvedModel, resolveModel, useModel } from './models/registry.js';
export { REASONING_LEVELS, type ReasoningLevel } from './models/reasoning.js';
export { World } from './world/index.js';
