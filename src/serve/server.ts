import { Hono } from 'hono';
import type { Journal } from '../agent/journal.js';
import {
  type DeskOptions,
  ErrandDesk,
  type ModelResolver,
  modelsWithDefault,
  WorldPool,
  type WorldPoolOptions,
} from '../errands/index.js';
import { ErrandError, toErrandError } from '../errors.js';
import type { Recipe } from '../recipes/format.js';
import type { Tracing } from '../telemetry/index.js';
import { isLoopbackHost, listen } from '../world/index.js';
import {
  type Caller,
  ConsoleSessions,
  checkBody,
  checkOrigin,
  requireCaller,
  type ServeAccess,
  securityHeaders,
} from './access.js';
import { apiRoutes } from './api.js';
import { layout, problemPage } from './console/pages.js';
import { consoleRoutes } from './console/routes.js';
import { errorReply } from './reply.js';

/** How to run `errand serve`. */
export interface ServeOptions {
  /** The journal errands are written to and read from (the caller opens and closes it). */
  journal: Journal;
  /** Port to listen on; 0 picks a free one. */
  port?: number;
  /** Address to listen on (default 127.0.0.1); any other needs `token`. */
  hostname?: string;
  /** The secret every call must carry; needed off loopback, optional on it. */
  token?: string;
  /** More Host names to answer to besides loopback and `hostname` (the name a phone uses to reach it). */
  allowHosts?: string[];
  /** The largest request body read, in bytes (default 64 KiB). */
  maxBodyBytes?: number;
  worlds?: WorldPoolOptions;
  /** Finds a model by reference (default: the provider registry; none given means errand's recipes). */
  models?: ModelResolver;
  /** The default model as the console shows it. */
  defaultModel?: string;
  learned?: () => Recipe[];
  tracing?: Tracing;
  /** Where bench reports are (default `bench-results`). */
  benchDir?: string;
  /** Start every persona's world before listening, so the first errands do not wait for them (default no). */
  warm?: boolean;
  /** Gets one line per request: method, path (never the query), status, time. Never a secret. */
  log?: (line: string) => void;
  /** Most errands running at once (default 64); one more is refused with 429. */
  maxRunning?: number;
  /** Hand errands to `errand worker`s through this queue instead of running them here. */
  queue?: DeskOptions['queue'];
}

/** A running `errand serve`. */
export interface RunningServe {
  url: string;
  port: number;
  desk: ErrandDesk;
  worlds: WorldPool;
  /** Cancels running errands, ends every stream, stops the worlds and stops listening. */
  close(): Promise<void>;
}

/** The default body limit: a request is a few hundred bytes; this is far above it. */
export const SERVE_MAX_BODY_BYTES = 64 * 1024;

/** The shortest token accepted. */
export const MIN_SERVE_TOKEN_LENGTH = 16;

function checkOptions(hostname: string, options: ServeOptions): void {
  if (
    options.token !== undefined &&
    (options.token.length < MIN_SERVE_TOKEN_LENGTH || /\s/.test(options.token))
  )
    throw new ErrandError(
      'CONFIG_INVALID',
      `The server token must be at least ${MIN_SERVE_TOKEN_LENGTH} characters with no spaces.`,
    );
  if (options.token === undefined && !isLoopbackHost(hostname))
    throw new ErrandError(
      'CONFIG_INVALID',
      `Listening on ${hostname} would let anyone who can reach this machine run errands with your money; errand serve needs a token for that (it makes one in errand's home), or listen on 127.0.0.1.`,
    );
  if (options.token === undefined && options.allowHosts?.length)
    throw new ErrandError('CONFIG_INVALID', 'Answering to other host names needs a token as well.');
}

/**
 * Starts `errand serve`: the HTTP API and the web console, on loopback unless a token is given.
 * Errands run in this process on each persona's sandbox world, every write held by the guard.
 */
export async function startServe(options: ServeOptions): Promise<RunningServe> {
  const hostname = options.hostname ?? '127.0.0.1';
  checkOptions(hostname, options);
  let hosts: string[] = [];
  const access: ServeAccess = {
    token: options.token,
    hosts: () => hosts,
    maxBodyBytes: options.maxBodyBytes ?? SERVE_MAX_BODY_BYTES,
    sessions: new ConsoleSessions(),
  };
  const worlds = new WorldPool(options.worlds);
  if (options.warm) await Promise.all(worlds.personas.map((p) => worlds.get(p)));
  const desk = new ErrandDesk({
    journal: options.journal,
    worlds,
    models: options.models ?? modelsWithDefault(undefined),
    learned: options.learned,
    tracing: options.tracing,
    maxRunning: options.maxRunning ?? 64,
    ...(options.queue ? { queue: options.queue } : {}),
  });
  const app = new Hono<{ Variables: { caller: Caller } }>();
  const wantsPage = (path: string, accept: string | undefined) =>
    !path.startsWith('/api/') && (accept ?? '').includes('text/html');
  app.onError((err, c) => {
    const error = toErrandError(err).toJSON();
    if (wantsPage(c.req.path, c.req.header('accept'))) {
      const status = error.code === 'NOT_FOUND' ? 404 : error.code === 'INVALID_INPUT' ? 400 : 500;
      return c.html(
        layout({ title: 'Problem', page: 'problem', session: false }, problemPage(error.message)),
        status,
      );
    }
    return errorReply(c, error);
  });
  app.notFound((c) =>
    errorReply(c, { code: 'NOT_FOUND', message: `Nothing at ${c.req.method} ${c.req.path}.` }),
  );
  if (options.log) {
    const log = options.log;
    app.use('*', async (c, next) => {
      const started = performance.now();
      await next();
      log(`${c.req.method} ${c.req.path} ${c.res.status} ${Math.round(performance.now() - started)}ms`);
    });
  }
  app.use('*', securityHeaders());
  app.use('*', checkOrigin(access));
  app.use('*', checkBody(access));
  app.use('*', requireCaller(access));
  app.route('/api', apiRoutes({ desk, worlds, access }));
  app.route(
    '/',
    consoleRoutes({
      desk,
      worlds,
      benchDir: options.benchDir ?? 'bench-results',
      defaultModel: options.defaultModel ?? "errand's recipes (no model)",
    }),
  );

  const listening = await listen(app.fetch, hostname, options, (names) => {
    hosts = names;
  });
  return {
    ...listening,
    desk,
    worlds,
    close: async () => {
      await desk.close();
      await listening.close();
      await worlds.close();
    },
  };
}
