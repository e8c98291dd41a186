/** The browser operator: real Chromium, errand's page view, and every page write held for the guard. */
export { describeRequest, operatesScreens, SCREEN_APP, ScreenConnector } from './connector.js';
export { CHROMIUM, CHROMIUM_ARGS, launchBrowser } from './launch.js';
export {
  decodeToolCall,
  hostAllowed,
  type MediatedRequest,
  type Mediator,
  type PageReply,
  type PageRequest,
  refuseAll,
} from './mediate.js';
export {
  type ActionOutcome,
  formatView,
  type OperatorOptions,
  type PageView,
  ScreenOperator,
} from './operator.js';

import type { Browser } from 'playwright-core';
import { serveWorld, type World, WorldHost } from '../../world/index.js';
import { ScreenConnector } from './connector.js';
import { ScreenOperator } from './operator.js';

/** A world on screens: a world server for it, and a screen connector operating it in a fresh browser context. */
export interface WorldScreens {
  connector: ScreenConnector;
  operator: ScreenOperator;
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a world's screens on a loopback port and opens an operator on them. Closing stops both and
 * leaves the world open (its owner closes it).
 */
export async function openWorldScreens(
  world: World,
  browser: Browser,
  options: { allowDomains?: readonly string[]; apps?: readonly string[] } = {},
): Promise<WorldScreens> {
  const server = await serveWorld(new WorldHost(world));
  try {
    const operator = await ScreenOperator.open({
      browser,
      world: { url: server.url },
      locale: world.persona.language === 'en' ? 'en-US' : 'zh-CN',
      ...(options.allowDomains ? { allowDomains: options.allowDomains } : {}),
      ...(options.apps ? { apps: options.apps } : {}),
    });
    return {
      connector: new ScreenConnector(operator),
      operator,
      url: server.url,
      close: async () => {
        await operator.close();
        await server.close();
      },
    };
  } catch (err) {
    await server.close();
    throw err;
  }
}
