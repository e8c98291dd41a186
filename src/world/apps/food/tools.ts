import { browseTools } from './tools-browse.js';
import { orderTools } from './tools-order.js';

/** The food app's operations: browsing first, then carts, orders and reviews. */
export const foodTools = [...browseTools, ...orderTools];
