import {
  addressById,
  deliveryKind,
  fold,
  namedIds,
  namesOtherPlace,
  type PersonWorld,
  partyById,
  partyName,
} from '../person/index.js';
import { type Intent, type IntentSet, partiesOf } from './intents.js';
import type { Mandate } from './mandate.js';
import { type Lang, say } from './words.js';

/** One intent as the guard keeps it: whether it stands on the person's words, and what it has used. */
export interface HeldIntent {
  intent: Intent;
  /** Why it is not confirmed (a party the request never named ...); undefined when it stands. */
  doubt: string | undefined;
  /** Times used: an order placed, a transfer made, an event created. */
  used: number;
  /** For messages: who has been messaged under it. */
  messaged: Set<string>;
}

/**
 * Takes the errand's intents into the guard, checking each against the person's world and the
 * mandate. Intents the person confirmed, or that the offline reader took from their words, stand as
 * they are; a planner model's intents must name only people the request names (unless the mandate
 * allows any contact) and only the person's own saved addresses, or the actions under them are asked
 * about. No mandate's list is ever widened by an intent.
 */
export function adopt(
  set: IntentSet,
  person: PersonWorld,
  mandate: Mandate,
  request: string,
  lang: Lang,
): HeldIntent[] {
  const named = namedIds(person, fold(request));
  const billersSaid = person.billers
    .filter((b) => b.names.some((n) => fold(request).includes(n)))
    .map((b) => b.id);
  return set.intents.map((intent) => {
    const doubts: string[] = [];
    for (const id of partiesOf(intent)) {
      const party = partyById(person, id);
      const who = partyName(person, id, lang);
      if (!party) {
        doubts.push(
          say(
            lang,
            `${who} 不在你的联系人、群或账单方里`,
            `${who} is not among your contacts, groups or billers`,
          ),
        );
        continue;
      }
      if (intent.kind === 'transfer' && party.kind !== 'contact')
        doubts.push(say(lang, `${who} 不是可以转账的联系人`, `${who} is not a contact money can be sent to`));
      if (mandate.recipients === 'list' && !mandate.allow.includes(id)) {
        doubts.push(say(lang, `${who} 不在你允许的名单上`, `${who} is not on the list you allowed`));
        continue;
      }
      const stated =
        set.source !== 'planner' || named.has(id) || billersSaid.includes(id) || mandate.allow.includes(id);
      if (!stated && !(mandate.recipients === 'contacts' && party.kind !== 'biller'))
        doubts.push(say(lang, `你的请求里没有提到 ${who}`, `your request did not name ${who}`));
    }
    if (intent.kind === 'order' && intent.address) {
      const saved = addressById(person, intent.address);
      // Where this order goes is said in its own words, when the intent knows them.
      const words = fold(intent.said || request);
      const said = deliveryKind(words);
      if (!saved || saved.app !== intent.app)
        doubts.push(
          say(
            lang,
            `${intent.address} 不是你在该应用保存的地址`,
            `${intent.address} is not one of your saved addresses there`,
          ),
        );
      else if (set.source === 'planner' && said && saved.kind !== said.kind)
        doubts.push(say(lang, '送货地址和你说的不一样', 'the delivery address is not the one you said'));
      else if (set.source === 'planner' && !said && namesOtherPlace(words))
        doubts.push(
          say(lang, '你说的送货地点不是保存过的地址', 'the place you named is not a saved address'),
        );
    }
    return {
      intent,
      doubt: doubts.length ? doubts.join(say(lang, '；', '; ')) : undefined,
      used: 0,
      messaged: new Set(),
    };
  });
}
