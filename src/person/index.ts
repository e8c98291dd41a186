/** The person's world as errand trusts it, and whole-name matching in Chinese and English. */
export {
  type AddressKind,
  addressKind,
  addressKindOfLabel,
  addressKindOfWord,
  addressNames,
  type DeliveryPlace,
  deliveryKind,
  deliveryPlaces,
  namesOtherPlace,
} from './addresses.js';
export { readingPersonOnce, readPersonWorld } from './from-world.js';
export { billNames } from './billers.js';
export { bracketed, englishGroupWords, uniqueNames, withoutBrackets } from './name-forms.js';
export {
  clean,
  escapeRegex,
  findMentions,
  findName,
  fold,
  groupBySpan,
  hasCjk,
  hasInvisible,
  type Mention,
  mentions,
  sameName,
  type Span,
} from './names.js';
export { isRelationWord, relationWords } from './relations.js';
export {
  addressById,
  addressName,
  addressOf,
  type Contact,
  type NamedParty,
  namedIds,
  type Party,
  type PartyEntry,
  type PartyMention,
  partiesIn,
  partyById,
  partyEntries,
  partyId,
  partyName,
  type PersonWorld,
  type SavedAddress,
  warehouseNames,
} from './world.js';
