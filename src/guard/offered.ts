import type { Connector } from '../connectors/types.js';
import { isWorkApp } from '../world/app.js';
import type { Mandate } from './mandate.js';

/**
 * The apps worth showing the model: those the mandate allows — with no list, every app but the
 * company's work apps, which a mandate must name. The guard would refuse the others anyway, and
 * every tool offered costs tokens on every turn.
 */
export function offeredConnectors<C extends Pick<Connector, 'name'>>(
  connectors: C[],
  mandate: Pick<Mandate, 'apps'>,
): C[] {
  return mandate.apps
    ? connectors.filter((c) => mandate.apps!.includes(c.name))
    : connectors.filter((c) => !isWorkApp(c.name));
}
