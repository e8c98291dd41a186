import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../src/connectors/sandbox.js';
import { offeredConnectors } from '../src/guard/offered.js';
import { mandateSchema } from '../src/guard/mandate.js';

/**
 * The company's work apps are reachable from every entry that starts the sandbox (`errand run`, serve,
 * mcp, the library), and offered to the model only when the mandate names them. Before, the sandbox
 * did not connect them at all, so `errand run --allow-app tracker,chat` offered only chat.
 */
describe('the work apps through the sandbox', () => {
  const started = startSandbox();
  afterAll(async () => (await started).close());

  it('are offered when the mandate names them, and not otherwise', async () => {
    const sandbox = await started;
    const offered = (apps?: string[]) =>
      offeredConnectors(sandbox.connectors, mandateSchema.parse(apps ? { apps } : {}))
        .map((c) => c.name)
        .sort();
    expect(offered(['tracker', 'chat'])).toEqual(['chat', 'tracker']);
    expect(offered(['mail', 'ledger', 'inventory'])).toEqual(['inventory', 'ledger', 'mail']);
    expect(offered()).not.toContain('tracker');
    const tracker = sandbox.connectors.find((c) => c.name === 'tracker')!;
    expect((await tracker.listTools()).map((t) => t.name)).toContain('request_review');
  });
});
