/** `errand serve`: an HTTP API with Server-Sent Events and a web console over errands and their approvals. */
export { ConsoleSessions, SESSION_COOKIE } from './access.js';
export type { ErrandView } from './errand-views.js';
export { openApiDocument } from './openapi.js';
export {
  MIN_SERVE_TOKEN_LENGTH,
  type RunningServe,
  SERVE_MAX_BODY_BYTES,
  type ServeOptions,
  startServe,
} from './server.js';
export { type StartRequest, startSchema } from './start-request.js';
