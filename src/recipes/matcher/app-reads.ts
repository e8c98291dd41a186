/**
 * The apps' read tools as the matcher uses them: each answer checked against the shape the matcher
 * relies on, and the categories a search takes read from the tool's own input schema.
 */
import { z } from 'zod';
import { ErrandError } from '../../errors.js';
import type { World } from '../../world/index.js';

const money = z.object({ amount: z.number().int() });
/** What food.search_restaurants answers, as far as the matcher reads it. */
export const restaurantsOut = z.object({
  restaurants: z.array(
    z.object({ id: z.string(), name_zh: z.string(), name_en: z.string(), cuisine: z.string() }),
  ),
});
/** What food.get_menu answers, as far as the matcher reads it. */
export const menuOut = z.object({
  dishes: z.array(
    z.object({
      id: z.string(),
      name_zh: z.string(),
      name_en: z.string(),
      price: money,
      stock: z.number(),
      options: z.array(
        z.object({
          key: z.string(),
          pick: z.enum(['one', 'any']),
          choices: z.array(
            z.object({ id: z.string(), name_zh: z.string(), name_en: z.string(), surcharge: money }),
          ),
        }),
      ),
    }),
  ),
});
/** What maps.search_places answers, as far as the matcher reads it. */
export const placesOut = z.object({
  places: z.array(
    z.object({
      id: z.string(),
      name_zh: z.string(),
      name_en: z.string(),
      aliases: z.string(),
      category: z.string(),
    }),
  ),
});
/** What shop.search_products answers, as far as the matcher reads it. */
export const productsOut = z.object({
  products: z.array(
    z.object({
      id: z.string(),
      name_zh: z.string(),
      name_en: z.string(),
      price: money,
      stock: z.number(),
      has_variants: z.boolean(),
    }),
  ),
});
/** What shop.get_product answers, as far as the matcher reads it. */
export const productOut = z.object({
  variants: z.array(z.object({ id: z.string(), name_zh: z.string(), name_en: z.string() })),
});
/** What calendar.list_events answers, as far as the matcher reads it. */
export const eventsOut = z.object({
  events: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      start: z.string(),
      organizer: z.object({ person_id: z.string() }),
      my_response: z.string(),
    }),
  ),
});
/** What food.list_coupons answers, as far as the matcher reads it. */
export const couponsOut = z.object({
  coupons: z.array(
    z.object({
      id: z.string(),
      name_zh: z.string(),
      name_en: z.string(),
      discount: money,
      threshold: money,
      restaurant_id: z.string().nullable(),
    }),
  ),
});
/** What pay.list_payment_requests answers, as far as the matcher reads it. */
export const requestsOut = z.object({
  requests: z.array(
    z.object({
      id: z.string(),
      merchant: z.object({ id: z.string(), name_zh: z.string(), name_en: z.string() }),
      amount: money,
      reference: z.string(),
      memo: z.string(),
    }),
  ),
});

/** What food.list_orders answers, as far as the matcher reads it. */
export const foodOrdersOut = z.object({
  orders: z.array(
    z.object({
      id: z.string(),
      status: z.string(),
      restaurant: z.object({ id: z.string(), name_zh: z.string(), name_en: z.string() }),
      items: z.array(z.object({ dish_id: z.string(), name_zh: z.string(), name_en: z.string() })),
      created_at: z.string(),
    }),
  ),
});
/** What shop.list_orders answers, as far as the matcher reads it. */
export const shopOrdersOut = z.object({
  orders: z.array(
    z.object({
      order_id: z.string(),
      status: z.string(),
      items: z.array(
        z.object({
          product_id: z.string(),
          variant_id: z.string().nullable(),
          name_zh: z.string(),
          name_en: z.string(),
        }),
      ),
      created_at: z.string(),
      return_by: z.string().nullable(),
    }),
  ),
});

/** Calls one read tool and checks its answer has the shape the matcher relies on. */
export function read<T>(world: World, app: string, tool: string, input: unknown, schema: z.ZodType<T>): T {
  const result = world.call(app, tool, input);
  if (!result.ok) {
    throw new ErrandError(
      'TOOL_FAILED',
      `Reading ${app}.${tool} for the matcher failed: ${result.error.message}`,
      { code: result.error.code },
    );
  }
  const parsed = schema.safeParse(result.data);
  if (!parsed.success) {
    throw new ErrandError('TOOL_FAILED', `${app}.${tool} answered in a shape the matcher cannot read.`);
  }
  return parsed.data;
}

/** The values a tool's enum field takes ("category" of maps.search_places), from its input schema. */
export function enumValues(world: World, app: string, tool: string, field: string): string[] {
  const input = world.tool(app, tool)?.input as z.ZodObject<z.ZodRawShape> | undefined;
  let schema = input?.shape[field] as z.ZodType | undefined;
  while (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault)
    schema = schema.unwrap() as z.ZodType;
  return schema instanceof z.ZodEnum ? (schema.options as string[]) : [];
}
