import { mkdirSync, writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runErrand } from '../src/agent/runner.js';
import { launchBrowser, openWorldScreens } from '../src/connectors/browser/index.js';
import { inProcessConnectors } from '../src/connectors/in-process.js';
import { intentSetSchema } from '../src/guard/intents.js';
import { resolveModel } from '../src/models/registry.js';
import { seesImages } from '../src/models/vision.js';
import { World } from '../src/world/index.js';
import { anthropicTurns, chatTurns, type RecordedCall } from './fixtures/recordings.js';
import { LIMING, tempJournal } from './support/agent.js';
import { type ReplayServer, startReplayServer } from './support/replay-server.js';

/**
 * Models that see get each screen as a PNG with the refs drawn on it, through the provider's own request
 * format (replayed over real HTTP); models that do not see get the text view only.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});
const servers: ReplayServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const CALLS: RecordedCall[] = [
  { name: 'screen_open', args: { target: 'pay' } },
  { name: 'finish', args: { outcome: 'done', summary: '余额已看过。', evidence: [] } },
];

async function lookAtWallet(ref: string, env: Record<string, string>) {
  const world = World.open({ seed: 1 });
  const on = await openWorldScreens(world, browser);
  const journal = tempJournal();
  try {
    const model = resolveModel(ref, env);
    const { report } = await runErrand({
      task: { request: '看看钱包余额', profile: LIMING, model: model.ref, mode: 'gui' },
      model,
      connectors: [on.connector],
      screenApps: inProcessConnectors(world),
      intents: intentSetSchema.parse({ intents: [], understood: '看余额', source: 'task' }),
      journal,
      retry: { retries: 0, baseMs: 1, timeoutMs: 60_000 },
    });
    return { model, report };
  } finally {
    journal.close();
    await on.close();
    world.close();
  }
}

/** The width and height a PNG says it has (its IHDR chunk). */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Every image a chat-completions request carries, as data URLs. */
const chatImages = (body: any): string[] =>
  (body.messages as any[]).flatMap((m) =>
    Array.isArray(m.content)
      ? m.content.filter((p: any) => p.type === 'image_url').map((p: any) => p.image_url.url as string)
      : [],
  );

describe('screenshots for models that see', () => {
  it('decides who sees by the model name, or by the setting', () => {
    expect(seesImages('gpt-4o-mini')).toBe(true);
    expect(seesImages('claude-sonnet-4-5')).toBe(true);
    expect(seesImages('qwen2.5-vl-72b-instruct')).toBe(true);
    expect(seesImages('deepseek-chat')).toBe(false);
    expect(seesImages('qwen2.5:7b')).toBe(false);
    expect(seesImages('deepseek-chat', true)).toBe(true);
    expect(seesImages('gpt-4o', false)).toBe(false);
  });

  it('OpenAI gpt-4o: the marked screen goes as an image part after the tool result, the text view stays', async () => {
    const server = await startReplayServer(chatTurns('gpt-4o', CALLS, [1200, 2400]));
    servers.push(server);
    const { model, report } = await lookAtWallet('openai:gpt-4o', {
      OPENAI_API_KEY: 'k',
      OPENAI_BASE_URL: `${server.url}/v1`,
    });
    expect(model.vision).toBe(true);
    expect(report).toMatchObject({ status: 'finished', outcome: 'done' });
    expect(server.requests).toHaveLength(2);
    // Nothing is on screen before the first action: no image yet.
    expect(chatImages(server.requests[0]!.body)).toEqual([]);
    const second = server.requests[1]!.body;
    const images = chatImages(second);
    expect(images).toHaveLength(1);
    expect(images[0]).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    const png = Buffer.from(images[0]!.split(',')[1]!, 'base64');
    expect(pngSize(png)).toEqual({ width: 390, height: 844 }); // the phone-sized window
    mkdirSync('test-results/gui', { recursive: true });
    writeFileSync('test-results/gui/vision-wallet.png', png);
    // The text view is still the tool's answer; the picture comes after it, with words that say what it is.
    const messages = second.messages as any[];
    const tool = messages.findIndex((m) => m.role === 'tool');
    expect(messages[tool].content).toContain('我的钱包');
    const last = messages.at(-1);
    expect(last.role).toBe('user');
    expect(JSON.stringify(last.content)).toContain('red label is the ref');
    // Usage: the provider's input tokens include the image; errand counts what it reports.
    expect(report.usage.inputTokens).toBe(3600);
    expect(report.usage.imageTokens).toBeUndefined(); // OpenAI does not say how much was the picture
  }, 90_000);

  it('Anthropic Claude: the screen goes as a base64 image block', async () => {
    const server = await startReplayServer(anthropicTurns('claude-sonnet-4-5', CALLS, [1500, 3100]));
    servers.push(server);
    const { report } = await lookAtWallet('anthropic:claude-sonnet-4-5', {
      ANTHROPIC_API_KEY: 'k',
      ANTHROPIC_BASE_URL: `${server.url}/v1`,
    });
    expect(report).toMatchObject({ status: 'finished', outcome: 'done' });
    const blocks = (server.requests[1]!.body.messages as any[]).flatMap((m) =>
      Array.isArray(m.content) ? m.content : [],
    );
    const images = blocks.filter((b) => b.type === 'image');
    expect(images).toHaveLength(1);
    expect(images[0].source).toMatchObject({ type: 'base64', media_type: 'image/png' });
    expect(report.usage.inputTokens).toBe(4600);
  }, 90_000);

  it('Qwen-VL on DashScope: the image tokens it reports are counted apart, inside the input', async () => {
    const turns = chatTurns('qwen-vl-max', CALLS, [1100, 1900]) as { body: any }[];
    // DashScope says how much of the prompt was the picture (prompt_tokens_details.image_tokens).
    turns[1]!.body.usage.prompt_tokens_details = { image_tokens: 425, text_tokens: 1475 };
    const server = await startReplayServer(turns);
    servers.push(server);
    const { model, report } = await lookAtWallet('qwen:qwen-vl-max', {
      DASHSCOPE_API_KEY: 'k',
      QWEN_BASE_URL: `${server.url}/v1`,
    });
    expect(model.vision).toBe(true);
    expect(chatImages(server.requests[1]!.body)).toHaveLength(1);
    expect(report.usage.inputTokens).toBe(3000);
    expect(report.usage.imageTokens).toBe(425);
  }, 90_000);

  it('a model that does not see (deepseek-chat) gets the text view only', async () => {
    const server = await startReplayServer(chatTurns('deepseek-chat', CALLS, [1000, 1400]));
    servers.push(server);
    const { model, report } = await lookAtWallet('deepseek:deepseek-chat', {
      DEEPSEEK_API_KEY: 'k',
      DEEPSEEK_BASE_URL: `${server.url}/v1`,
    });
    expect(model.vision).toBeUndefined();
    expect(report).toMatchObject({ status: 'finished', outcome: 'done' });
    expect(server.requests).toHaveLength(2);
    for (const r of server.requests) {
      expect(chatImages(r.body)).toEqual([]);
      expect(JSON.stringify(r.body)).not.toContain('image/png');
    }
    expect(JSON.stringify(server.requests[1]!.body.messages)).toContain('我的钱包');
  }, 90_000);
});
