/** The sandbox world: apps, world control, and its MCP/HTTP faces. */
export {
  APP_NAMES,
  type AppModule,
  type AppName,
  isWorkApp,
  PERSONAL_APP_NAMES,
  WORK_APP_NAMES,
} from './app.js';
export { APPS } from './apps/index.js';
export { formatWorldTime, parseWorldTime, WORLD_EPOCH_MS } from './clock.js';
export type { TableDiff, WorldDiff } from './diff.js';
export { type DataOptions, WorldHost } from './host.js';
export { createWorldApp, type WorldApp, type WorldAppOptions } from './http.js';
export {
  type AccessPolicy,
  allowedHosts,
  checkBody,
  checkOrigin,
  isLoopbackHost,
  MAX_BODY_BYTES,
  requireToken,
} from './http-access.js';
export { errorReply } from './http-json.js';
export { type Listening, listen } from './http-listen.js';
export { answerMcp, type McpScope } from './http-mcp.js';
export { type McpSessionOptions, McpSessions } from './mcp-sessions.js';
export { createAppMcpServer, EFFECT_META_KEY, mcpTools, toMcpTool } from './mcp.js';
export { formatFen, money, type Money } from './money.js';
export { PERSONA_IDS, PERSONAS, type Persona } from './people.js';
export {
  MIN_TOKEN_LENGTH,
  newWorldToken,
  type RunningServer,
  type ServeOptions,
  serveWorld,
} from './server.js';
export type { Effect, EffectKind, ToolDef } from './tool.js';
export { type CallResult, type OpenOptions, type Plant, type Snapshot, World } from './world.js';
