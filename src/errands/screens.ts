/**
 * GUI mode for errands a service starts (`errand serve`, `errand mcp`): the same screens, operator and
 * guard as `errand run --mode gui`, in one browser the service launches when the first such errand
 * comes and keeps for the rest.
 */
import type { Browser } from 'playwright-core';
import { z } from 'zod';
import type { Sandbox } from '../connectors/sandbox.js';
import { ErrandError } from '../errors.js';
import type { ResolvedModel } from '../models/registry.js';
import type { PreparedRun } from './prepare.js';

/** What a service's start request may say of GUI mode: the mode, a site, more hosts (one wording for serve and mcp). */
export const screenFields = {
  mode: z
    .enum(['api', 'gui'])
    .describe(
      "api: the apps' tools (default); gui: their screens in Chromium, operated by a model like a person.",
    ),
  url: z
    .string()
    .min(1)
    .max(2000)
    .describe("GUI mode: operate this web site (http(s) address) instead of the world's screens."),
  allowDomain: z
    .array(z.string().min(1).max(253))
    .max(20)
    .describe('GUI mode: host names the browser may reach besides the world and url.'),
};

/** How an errand reaches its apps: their tools (api) or their screens (gui), and on screens where. */
export interface ScreenChoice {
  mode?: 'api' | 'gui';
  /** GUI mode: a site to operate instead of the world's screens. */
  url?: string;
  /** GUI mode: more sites the browser may reach. */
  allowDomain?: readonly string[];
}

/** An http(s) address a person gave for GUI mode, or one sentence why not. */
export function parseSite(text: string, name = '--url'): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ErrandError(
      'INVALID_INPUT',
      `${name} needs a whole address such as https://example.com, not "${text}".`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ErrandError('INVALID_INPUT', `${name} needs an http(s) address, not "${text}".`);
  return url;
}

/**
 * Refuses, before anything runs, a start that GUI mode cannot do: a site or domains for an errand on
 * the apps' tools, a bad address, or screens with no model to look at them (errand's recipes call the
 * apps' tools and never see a screen).
 */
export function checkScreenChoice(choice: ScreenChoice, model: ResolvedModel | undefined): void {
  if (choice.mode !== 'gui') {
    if (choice.url || choice.allowDomain?.length)
      throw new ErrandError('INVALID_INPUT', 'A url or allowed domains are for mode "gui" only.');
    return;
  }
  if (choice.url) parseSite(choice.url, 'url');
  for (const d of choice.allowDomain ?? [])
    if (!/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*$/i.test(d))
      throw new ErrandError(
        'INVALID_INPUT',
        `An allowed domain is a host name such as example.com, not "${d}".`,
      );
  if (!model || model.provider === 'recipe')
    throw new ErrandError(
      'INVALID_INPUT',
      "GUI mode needs a model to look at the screens: name one as provider:model (e.g. openai:gpt-4o), or start the server with one. errand's recipes use the apps' tools, not screens.",
    );
}

/** A prepared errand moved onto screens, and how to close them when it ends. */
export interface OnScreens {
  run: PreparedRun;
  close(): Promise<void>;
}

/** The one browser of a service, launched on the first GUI errand, closed with the service. */
export class ScreenBrowser {
  #browser: Promise<Browser> | undefined;

  /**
   * Puts a prepared errand on screens: a fresh browser context on the sandbox world's screens (only
   * the mandate's apps) or on the site asked for; the model then has only the screen tools, and the
   * apps' own tools stay behind the world's screens to decode what a page sends.
   */
  async put(
    run: PreparedRun,
    sandbox: Sandbox,
    choice: ScreenChoice,
    apps: readonly string[] | undefined,
  ): Promise<OnScreens> {
    const gui = await import('../connectors/browser/index.js');
    this.#browser ??= gui.launchBrowser();
    const browser = await this.#browser.catch((err: unknown) => {
      this.#browser = undefined;
      throw err;
    });
    const site = choice.url ? parseSite(choice.url, 'url') : undefined;
    const operator = await gui.ScreenOperator.open({
      browser,
      ...(site ? {} : { world: { url: sandbox.url, token: process.env.ERRAND_WORLD_TOKEN || undefined } }),
      allowDomains: [...(site ? [site.hostname] : []), ...(choice.allowDomain ?? [])],
      ...(apps ? { apps } : {}),
      locale: sandbox.world.persona.language === 'en' ? 'en-US' : 'zh-CN',
    });
    try {
      const screen = new gui.ScreenConnector(operator, site?.href);
      if (site) await operator.open(site.href);
      return {
        run: {
          ...run,
          connectors: [screen],
          screenApps: site ? [] : run.connectors,
          macros: undefined,
          task: { ...run.task, mode: 'gui' },
        },
        close: () => operator.close(),
      };
    } catch (err) {
      await operator.close();
      throw err;
    }
  }

  /** Closes the browser, if one was launched. */
  async close(): Promise<void> {
    const b = this.#browser;
    this.#browser = undefined;
    if (b) await (await b.catch(() => undefined))?.close();
  }
}
