// npm run bench:recipes — what recipes save a model agent: the same core tasks run by a scripted model
// that calls app tools one turn at a time (the task's own solution: a lower bound on what a model
// needs), and by one that calls the matching recipe tools. Tokens are the scripted model's estimate of
// errand's real prompts (characters / 4: system prompt, tools, history); cost at DeepSeek's list price.
import { Journal } from '../src/agent/journal.js';
import { oracleModel } from '../src/bench/agents/oracle.js';
import { loadSuite } from '../src/bench/load.js';
import { runTrial, taskWorld } from '../src/bench/trial.js';
import { useModel } from '../src/models/registry.js';
import { call, finish, PolicyModel } from '../src/models/testing.js';
import { planOffline } from '../src/recipes/offline.js';
import { recipeTools } from '../src/recipes/tools.js';

const tasks = loadSuite('tasks', 'personal').filter((t) => t.outcome === 'done');
const journal = new Journal(':memory:');
const asDeepSeek = (m: PolicyModel) => useModel(m, 'deepseek', 'deepseek-chat');
type Tally = { tasks: number; passed: number; turns: number; input: number; output: number; cost: number };
const without: Tally = { tasks: 0, passed: 0, turns: 0, input: 0, output: 0, cost: 0 };
const withRecipes: Tally = { ...without };
const add = (t: Tally, r: Awaited<ReturnType<typeof runTrial>>) => {
  t.tasks++;
  t.passed += r.verdict.pass ? 1 : 0;
  t.turns += r.report.steps;
  t.input += r.report.usage.inputTokens;
  t.output += r.report.usage.outputTokens;
  t.cost += r.report.usage.costUsd;
};

for (const task of tasks) {
  const world = taskWorld(task);
  const plan = planOffline(task.request, world);
  world.close();
  if (plan.kind !== 'run') continue;
  add(without, await runTrial(task, (t) => asDeepSeek(oracleModel(t)), journal));
  const names = plan.steps.map((s) => `recipe_${s.recipe.id}`);
  const model = new PolicyModel((view) => {
    const done = view.results.filter((r) => r.tool.startsWith('recipe_')).length;
    return done < plan.steps.length
      ? { calls: [call(names[done]!, plan.steps[done]!.params)] }
      : { calls: [finish('done')] };
  });
  const macros = recipeTools(plan.steps.map((s) => ({ recipe: s.recipe, suggested: s.params })));
  add(
    withRecipes,
    await runTrial(task, () => asDeepSeek(model), journal, 0, { macros, mandateText: undefined }),
  );
}

const line = (label: string, t: Tally) =>
  `${label.padEnd(34)} ${String(t.passed).padStart(3)}/${t.tasks} passed · ${(t.turns / t.tasks).toFixed(2)} model turns · ${Math.round(t.input / t.tasks)} in / ${Math.round(t.output / t.tasks)} out tokens · $${(t.cost / t.tasks).toFixed(5)} per errand`;
console.log(
  `errand bench:recipes — ${without.tasks} core tasks the offline matcher can plan, per errand (means)`,
);
console.log(line('app tools, one call per turn', without));
console.log(line('matching recipes offered as tools', withRecipes));
console.log(
  `tokens with recipes / without: ${((withRecipes.input + withRecipes.output) / (without.input + without.output)).toFixed(2)}`,
);
