import type { IntentSet } from '../guard/index.js';
import type { World } from '../world/index.js';
import { BUILTIN_RECIPES } from './builtin.js';
import type { Recipe } from './format.js';
import {
  answerWords,
  narrowedByAnswer,
  renamed,
  requestWithAnswer,
  tellsNothing,
} from './matcher/answers.js';
import { readWork } from './matcher/work.js';
import { firstIntent, splitClauses } from './matcher/intents.js';
import { fold, namedIds } from '../person/index.js';
import { workCatalogue } from './matcher/work-catalogue.js';
import { buildCatalogue } from './matcher/catalogue.js';
import { matchRequest } from './matcher/match.js';
import { intentsOfSteps } from './matcher/to-intents.js';

/** What errand will do with no model: recipes to run, or what it understood and what is missing. */
export type OfflinePlan =
  | {
      kind: 'run';
      steps: { recipe: Recipe; params: Record<string, unknown> }[];
      understood: string;
      confidence: number;
      /** What the person asked for, as the guard will check it; absent when errand cannot tell. */
      intents: IntentSet | undefined;
    }
  | {
      kind: 'unsure';
      understood: string;
      missing: string[];
      confidence: number;
      /** A work errand no recipe runs, when the reader is sure what it asks for all the same. */
      intents?: IntentSet;
    };

/**
 * Errands the built-in recipes do not do. A request that asks for one of these must not be matched to
 * a recipe that does something else (a return read as a purchase), so it is turned down as unsure.
 */
const NOT_A_RECIPE: { re: RegExp; zh: string; en: string }[] = [
  { re: /撤回|\b(recall|unsend|undo)\b/i, zh: '撤回消息', en: 'recalling messages' },
  // A recipe runs straight through: it cannot wait for a delivery, a reply or a time, and a request
  // read without its condition ("没回就告诉王芳" as part of a message) would act at once.
  {
    re: /(送到|到了|回复|回复了|回了|答复了|没回|没回复|没答复|出发)(再|就|以后|之后|后)|等(他|她|他们|她们)?(答复|回复|回|送到)|的时候|[:：]\d{2}以后再|\b(once|when) (she|he|they|it|the \w+) (replies|answers|arrives|is delivered|gets there)|\b(hasn't|haven't|doesn't|don't) (replied|answered|reply|answer)|\bwait (for|until)\b|(^|[,;]\s*|\band\s+|\bthen\s+)at \d{1,2}(:\d{2})?\s*(am|pm)\b/i,
    zh: '等一件事发生再做（送到、回复、到点）',
    en: 'waiting for something first (a delivery, a reply, a time)',
  },
];

/** Lower-cases and drops spaces and punctuation, so the same request typed again matches. */
function normalise(text: string): string {
  return text.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

/**
 * Plans an errand with no model: a learned recipe whose request was exactly this one runs as learned;
 * otherwise the offline matcher picks built-in recipes and reads their parameters from the request.
 */
export function planOffline(request: string, world: World, learned: Recipe[] = []): OfflinePlan {
  const same = learned.find(
    (r) => r.source.kind === 'learned' && normalise(r.source.request) === normalise(request),
  );
  if (same) {
    // A learned recipe is allowed what the person asked for when it was learned.
    const again = same.source.kind === 'learned' ? same.source.intents : undefined;
    const read = again ? undefined : matchRequest(request, buildCatalogue(world));
    return {
      kind: 'run',
      steps: [{ recipe: same, params: {} }],
      understood: `the recipe ${same.id}, learned from this same request`,
      confidence: 1,
      intents:
        again ??
        (read?.kind === 'match'
          ? intentsOfSteps(read.steps, buildCatalogue(world), read.understood, request)
          : undefined),
    };
  }
  const work = readWorkIntents(request, world);
  if (work.kind !== 'none') {
    const zh = /[\u3400-\u9fff]/.test(request);
    return {
      kind: 'unsure',
      confidence: 0,
      understood: zh ? '要在公司的工作应用里办事' : 'an errand in the company’s work apps',
      missing: [
        zh
          ? '内置的离线做法还不会做工作应用里的事；配置一个模型后可以做'
          : 'errand’s built-in recipes do not do errands in the work apps yet; a configured model can',
      ],
      ...(work.kind === 'read' ? { intents: work.intents } : {}),
    };
  }
  const unsupported = NOT_A_RECIPE.filter((n) => n.re.test(request));
  if (unsupported.length) {
    const zh = /[\u3400-\u9fff]/.test(request);
    return {
      kind: 'unsure',
      confidence: 0,
      understood: zh
        ? `要${unsupported.map((u) => u.zh).join('、')}`
        : `you want ${unsupported.map((u) => u.en).join(' and ')}`,
      missing: [
        zh
          ? `内置的离线做法还不会${unsupported.map((u) => u.zh).join('、')}；配置一个模型后可以做`
          : `errand's built-in recipes do not do ${unsupported.map((u) => u.en).join(' or ')} yet; a configured model can`,
      ],
    };
  }
  const catalogue = buildCatalogue(world);
  const match = matchRequest(request, catalogue);
  if (match.kind === 'unsure')
    return {
      kind: 'unsure',
      understood: match.understood,
      missing: match.missing,
      confidence: match.confidence,
    };
  const steps = match.steps.map((s) => ({
    recipe: BUILTIN_RECIPES.find((r) => r.id === s.recipe)!,
    params: s.params as Record<string, unknown>,
  }));
  return {
    kind: 'run',
    steps,
    understood: match.understood,
    confidence: match.confidence,
    intents: intentsOfSteps(match.steps, catalogue, match.understood, request),
  };
}

/**
 * What the person's answer to a question adds, read with their request by the same reader: the
 * intents of the request and the answer together, or undefined when the answer tells nothing or the
 * reader is not sure of them. The question is not read: what the model asked is never what was asked for.
 */
export function readAnswer(
  world: World,
  said: { request: string; question: string; answer: string },
): IntentSet | undefined {
  if (tellsNothing(said.answer)) return undefined;
  const work = readWorkIntents(said.request, world, answerWords(said.answer));
  if (work.kind === 'read') return work.intents;
  if (work.kind === 'unsure') return undefined;
  const { catalogue, renames } = narrowedByAnswer(buildCatalogue(world), said.answer);
  for (const text of requestWithAnswer(renamed(said.request, renames), said.answer)) {
    const match = matchRequest(text, catalogue);
    if (match.kind === 'match') return intentsOfSteps(match.steps, catalogue, match.understood, text);
  }
  return undefined;
}

/**
 * A request read for work errands (and, with it, the person's answer): its intents when the reader is
 * sure of every part — work parts by the work reader, the rest by the personal one — `unsure` when it is
 * a work errand it cannot read whole, `none` when it is not a work errand at all.
 */
export function readWorkIntents(
  request: string,
  world: World,
  answer = '',
): { kind: 'none' } | { kind: 'unsure' } | { kind: 'read'; intents: IntentSet } {
  const work = workCatalogue(world);
  if (!work) return { kind: 'none' };
  const reading = readWork(request, work, answer);
  if (reading.kind !== 'read') return reading.kind === 'none' ? reading : { kind: 'unsure' };
  const intents = [...reading.intents];
  if (reading.personal.length > 0) {
    const catalogue = buildCatalogue(world);
    const zh = /[\u3400-\u9fff]/.test(request);
    const rest = reading.personal.join(zh ? '，' : ', and ');
    const match = matchRequest(rest, catalogue);
    if (match.kind === 'match')
      intents.push(...intentsOfSteps(match.steps, catalogue, match.understood, rest).intents);
    else {
      // "再跟刘洋说一声" beside a work errand: what to say is how the work went; who is told is named.
      const told = reading.personal.map((part) => toldBesideWork(part, catalogue));
      if (told.some((t) => t === undefined)) return { kind: 'unsure' };
      for (const to of told) intents.push({ id: '', said: '', kind: 'message', to: to! });
    }
  }
  return {
    kind: 'read',
    intents: {
      intents: intents.map((i, n) => ({ ...i, id: `i${n + 1}` })),
      budgetFen: null,
      understood: answer ? `${request} ${answer}` : request,
      source: 'reader',
    },
  };
}

/** The people a part tells ("跟刘洋说一声", "let Kevin know"), when it does nothing but tell named people. */
function toldBesideWork(part: string, catalogue: ReturnType<typeof buildCatalogue>): string[] | undefined {
  const folded = fold(part);
  if (firstIntent(folded)?.intent !== 'message') return undefined;
  const clauses = splitClauses(part);
  if (clauses.length !== 1 || clauses[0]!.intent !== 'message') return undefined;
  const to = [...namedIds(catalogue.person, folded)].filter((id) =>
    catalogue.contacts.some((c) => c.id === id),
  );
  return to.length > 0 ? to : undefined;
}
