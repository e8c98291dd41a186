import { setTimeout as sleep } from 'node:timers/promises';
import type { Connector } from '../connectors/types.js';

/**
 * An app that answers `ms` later than it would: simulated network and app latency, so a load bench
 * measures how errands overlap while they wait for apps, as they would on real ones.
 */
export function withLatency(connector: Connector, ms: number): Connector {
  if (ms <= 0) return connector;
  return {
    name: connector.name,
    trusted: connector.trusted,
    listTools: () => connector.listTools(),
    callTool: async (name, args, options) => {
      await sleep(ms);
      return connector.callTool(name, args, options);
    },
    close: () => connector.close(),
  };
}
