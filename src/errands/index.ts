/** Errands prepared like `errand run` and run in the background, for `errand mcp`, `errand serve` and the library. */
export {
  type DeskErrand,
  type DeskOptions,
  ErrandDesk,
  type ErrandStatus,
  type ModelResolver,
  modelsWithDefault,
  type StartInput,
  type Started,
} from './desk.js';
export { type ErrandJob, ErrandQueue } from './queue.js';
export { type ErrandMcpHttp, type ErrandMcpHttpOptions, serveErrandMcp } from './http.js';
export { createErrandMcpServer, errandMcpTools, MCP_REPLY_WORDING } from './mcp.js';
export { type ErrandSpec, type Prepared, type PreparedRun, prepareErrand } from './prepare.js';
export {
  type PendingQuestion,
  QuestionBoard,
  type QuestionNotice,
  type QuestionView,
  type Reply,
  type ReplyWording,
} from './questions.js';
export { type RequestOptions, runRequest } from './run-request.js';
export { checkScreenChoice, parseSite, ScreenBrowser, type ScreenChoice } from './screens.js';
export { WorldPool, type WorldPoolOptions } from './worlds.js';
