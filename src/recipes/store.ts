import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErrandError } from '../errors.js';
import { formatZodError } from '../validation.js';
import { BUILTIN_RECIPES } from './builtin.js';
import { type Recipe, recipeSchema } from './format.js';

/** Recipes on disk (one JSON file each, in errand's home), and the built-in ones. */
export class RecipeStore {
  constructor(readonly dir: string) {}

  /** Every recipe: built-in first, then learned ones by id. */
  list(): Recipe[] {
    let files: string[] = [];
    try {
      files = readdirSync(this.dir)
        .filter((f) => f.endsWith('.json'))
        .sort();
    } catch {
      files = [];
    }
    return [...BUILTIN_RECIPES, ...files.map((f) => this.read(join(this.dir, f)))];
  }

  private read(file: string): Recipe {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new ErrandError(
        'CONFIG_INVALID',
        `The recipe file ${file} is not valid JSON: ${(err as Error).message}`,
      );
    }
    const parsed = recipeSchema.safeParse(raw);
    if (!parsed.success)
      throw new ErrandError(
        'CONFIG_INVALID',
        `The recipe file ${file} is invalid: ${formatZodError(parsed.error)}`,
      );
    return parsed.data;
  }

  /** One recipe by id, or NOT_FOUND. */
  get(id: string): Recipe {
    const recipe = this.list().find((r) => r.id === id);
    if (!recipe) throw new ErrandError('NOT_FOUND', `No recipe "${id}"; \`errand recipes list\` shows them.`);
    return recipe;
  }

  /** Saves a learned recipe whole (a temporary file renamed into place). */
  save(recipe: Recipe): string {
    if (BUILTIN_RECIPES.some((r) => r.id === recipe.id)) {
      throw new ErrandError('CONFLICT', `"${recipe.id}" is a built-in recipe's name; choose another.`);
    }
    mkdirSync(this.dir, { recursive: true });
    const file = join(this.dir, `${recipe.id}.json`);
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, `${JSON.stringify(recipeSchema.parse(recipe), null, 2)}\n`);
      renameSync(tmp, file);
    } catch (err) {
      rmSync(tmp, { force: true });
      throw new ErrandError('STORAGE_FAILED', `Could not save the recipe: ${(err as Error).message}`);
    }
    return file;
  }

  /** Removes a learned recipe. */
  remove(id: string): void {
    if (BUILTIN_RECIPES.some((r) => r.id === id))
      throw new ErrandError('FORBIDDEN', `"${id}" is built in and cannot be removed.`);
    const file = join(this.dir, `${id}.json`);
    try {
      rmSync(file);
    } catch {
      throw new ErrandError('NOT_FOUND', `No learned recipe "${id}".`);
    }
  }
}
