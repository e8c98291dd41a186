import { join } from 'node:path';
import type { Command } from 'commander';
import type { Journal } from '../agent/journal.js';
import type { Recipe } from '../recipes/format.js';
import { learnRecipe } from '../recipes/learn.js';
import { RecipeStore } from '../recipes/store.js';
import { errandHome, openJournal } from './home.js';

/** The recipe store in errand's home. */
export function recipeStore(): RecipeStore {
  return new RecipeStore(join(errandHome(), 'recipes'));
}

function describe(recipe: Recipe): string {
  const params = Object.entries(recipe.params)
    .map(
      ([name, p]) =>
        `  ${name}: ${p.type}${p.optional ? ' (optional)' : ''}${p.default !== undefined ? ` = ${JSON.stringify(p.default)}` : ''} — ${p.description}`,
    )
    .join('\n');
  const steps = recipe.steps
    .map((s, i) =>
      'call' in s
        ? `  ${i + 1}. ${s.call} ${JSON.stringify(s.input)}`
        : 'find' in s
          ? `  ${i + 1}. find in ${s.find}.${s.in} where ${JSON.stringify(s.where)} → ${s.pick}`
          : `  ${i + 1}. check ${s.check} ≤ ${s.atMost}`,
    )
    .join('\n');
  const source =
    recipe.source.kind === 'builtin'
      ? 'built in'
      : `learned from ${recipe.source.errandId}: “${recipe.source.request}”`;
  return `${recipe.id} — ${recipe.title}\n${source}\n\nParameters:\n${params || '  (none)'}\n\nSteps:\n${steps}`;
}

/** Learns a recipe from a journaled errand and saves it, whole; a refusal saves nothing. */
export function learnAndSave(
  errandIdOrPrefix: string,
  name: string | undefined,
  open?: Journal,
): { recipe: Recipe; file: string } {
  const journal = open ?? openJournal();
  try {
    const errandId = journal.resolve(errandIdOrPrefix);
    const events = journal.events(errandId);
    const started = events.find((e) => e.type === 'task.started');
    const person = started?.type === 'task.started' ? started.trusted?.person : undefined;
    const people = person ? [...person.contacts, ...person.groups] : [];
    const learned = learnRecipe(events, errandId, name ?? `learned-${errandId}`, { people });
    const file = recipeStore().save(learned.recipe);
    return { ...learned, file };
  } finally {
    if (!open) journal.close();
  }
}

/** `errand recipes learn | list | show | rm`. */
export function registerRecipeCommands(program: Command): void {
  const recipes = program.command('recipes').description('Errands errand can run again with no model');
  recipes
    .command('list')
    .description('List built-in and learned recipes')
    .action(() => {
      for (const r of recipeStore().list()) {
        const source = r.source.kind === 'builtin' ? 'built in' : `learned from ${r.source.errandId}`;
        process.stdout.write(`${r.id.padEnd(28)} ${source.padEnd(30)} ${r.title}\n`);
      }
    });
  recipes
    .command('show')
    .description('Show a recipe: parameters and steps')
    .argument('<id>', 'the recipe')
    .action((id: string) => {
      process.stdout.write(`${describe(recipeStore().get(id))}\n`);
    });
  recipes
    .command('rm')
    .description('Remove a learned recipe')
    .argument('<id>', 'the recipe')
    .action((id: string) => {
      recipeStore().remove(id);
      process.stdout.write(`Removed recipe ${id}.\n`);
    });
  recipes
    .command('learn')
    .description('Learn a recipe from a finished errand')
    .argument('<errand-id>', 'the errand (or a unique prefix of its id)')
    .option('--name <id>', 'the recipe’s name')
    .action((errandId: string, flags: { name?: string }) => {
      const { recipe, file } = learnAndSave(errandId, flags.name);
      process.stdout.write(`Learned recipe ${recipe.id} (${file}).\n${describe(recipe)}\n`);
    });
}
