/** Errands as a service: prepared like `errand run`, run in the background, delegated over MCP. */
export { type DeskOptions, ErrandDesk, type ErrandStatus, type StartInput } from './desk.js';
export { type ErrandMcpHttp, type ErrandMcpHttpOptions, serveErrandMcp } from './http.js';
export { createErrandMcpServer, errandMcpTools } from './mcp.js';
export { type ErrandSpec, type Prepared, type PreparedRun, prepareErrand } from './prepare.js';
export { type QuestionView, Questions, type Reply } from './questions.js';
export { type RequestOptions, runRequest } from './run-request.js';
