/** The offline matcher: requests in Chinese or English to built-in recipes, with no language model. */
export { readAmounts, readBudget } from './amounts.js';
export { buildCatalogue } from './catalogue.js';
export { readDuration } from './durations.js';
export { matchRequest } from './match.js';
export { readQuantity } from './quantities.js';
export { localIso, readTime, type TimeReading } from './times.js';
export type { Catalogue, MatchedStep, MatchResult, Named, RecipeName, RecipeParams } from './types.js';
