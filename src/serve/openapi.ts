import { z } from 'zod';
import { answerSchema, sessionSchema, startSchema } from './start-request.js';

const json = (schema: unknown) => ({ 'application/json': { schema } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const ok = (description: string, schema: unknown = { type: 'object' }) => ({
  description,
  content: json(schema),
});
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [String(code), { $ref: `#/components/responses/E${code}` }]));
const idParam = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];

/** The OpenAPI 3.1 description of `errand serve`'s API, served at `/api/openapi.json`. */
export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'errand serve',
      version: '0.1.0',
      description:
        'Start errands, watch them over Server-Sent Events, answer their approvals, cancel them, and check the audit. Off loopback every call needs `Authorization: Bearer <token>` (the token is in errand’s home, in serve-token). Writes take JSON only.',
    },
    security: [{ bearer: [] }],
    paths: {
      '/api/errands': {
        post: {
          summary: 'Start an errand',
          requestBody: { required: true, content: json(ref('StartErrand')) },
          responses: {
            '202': ok('Started; follow it at links.events', ref('Started')),
            ...errors(400, 401, 403, 404, 413, 415, 429),
          },
        },
        get: {
          summary: 'List errands, newest first',
          parameters: [
            {
              name: 'q',
              in: 'query',
              schema: { type: 'string' },
              description: 'Words of the request or an id prefix.',
            },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500 } },
          ],
          responses: { '200': ok('The errands'), ...errors(401) },
        },
      },
      '/api/errands/{id}': {
        get: {
          summary: 'One errand: its status, report (receipts, tokens, cost, energy) and waiting questions',
          parameters: idParam,
          responses: { '200': ok('The errand'), ...errors(401, 404) },
        },
      },
      '/api/errands/{id}/events': {
        get: {
          summary: 'The errand’s events as Server-Sent Events (or JSON with Accept: application/json)',
          description:
            'Each journal event is `event: errand` with its sequence number as `id`, in order, each once; send Last-Event-ID to resume. Waiting questions come as `question`, answers as `answered`, and `end` closes the stream.',
          parameters: [...idParam, { name: 'Last-Event-ID', in: 'header', schema: { type: 'string' } }],
          responses: {
            '200': {
              description: 'The stream',
              content: { 'text/event-stream': { schema: { type: 'string' } } },
            },
            ...errors(401, 404),
          },
        },
      },
      '/api/errands/{id}/answers': {
        post: {
          summary: 'Answer a question the errand waits on (once: a second answer is refused with 409)',
          parameters: idParam,
          requestBody: { required: true, content: json(ref('Answer')) },
          responses: { '200': ok('Answered'), ...errors(400, 401, 404, 409, 415) },
        },
      },
      '/api/errands/{id}/cancel': {
        post: {
          summary: 'Cancel a running errand: no action starts after it',
          parameters: idParam,
          requestBody: { content: json({ type: 'object' }) },
          responses: { '202': ok('Cancelling'), '200': ok('It was not running'), ...errors(401, 404) },
        },
      },
      '/api/errands/{id}/audit': {
        get: {
          summary: 'Check this errand’s part of the signed chain',
          parameters: idParam,
          responses: { '200': ok('The check'), ...errors(401, 404) },
        },
      },
      '/api/audit': {
        get: {
          summary: 'Check the whole journal’s signed chain',
          responses: { '200': ok('The check'), ...errors(401) },
        },
      },
      '/api/worlds': {
        get: {
          summary: 'The personas and which worlds are running',
          responses: { '200': ok('The worlds'), ...errors(401) },
        },
      },
      '/api/worlds/{persona}': {
        get: {
          summary: 'A persona’s world as its apps show it: balance, payments, orders, chats, calendar',
          parameters: [{ name: 'persona', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': ok('The world'), ...errors(401, 404) },
        },
      },
      '/api/session': {
        post: {
          summary: 'Open a console session with the token (sets an HttpOnly, SameSite=Strict cookie)',
          security: [],
          requestBody: { required: true, content: json(ref('Session')) },
          responses: { '200': ok('Logged in'), ...errors(400, 401) },
        },
        delete: { summary: 'Log out', responses: { '200': ok('Logged out') } },
      },
      '/api/openapi.json': {
        get: { summary: 'This description', security: [], responses: { '200': ok('OpenAPI') } },
      },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        StartErrand: z.toJSONSchema(startSchema, { io: 'input' }),
        Answer: z.toJSONSchema(answerSchema, { io: 'input' }),
        Session: z.toJSONSchema(sessionSchema, { io: 'input' }),
        Started: {
          type: 'object',
          properties: {
            ok: { const: true },
            id: { type: 'string' },
            status: { const: 'running' },
            links: { type: 'object' },
          },
        },
        Error: {
          type: 'object',
          required: ['ok', 'error'],
          properties: {
            ok: { const: false },
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string' },
                message: { type: 'string' },
                details: { type: 'object' },
              },
            },
          },
        },
      },
      responses: Object.fromEntries(
        [
          [400, 'Malformed: not JSON, or a field is wrong (INVALID_INPUT)'],
          [401, 'No token, or the wrong one (UNAUTHORIZED)'],
          [403, 'A foreign Host or origin (FORBIDDEN)'],
          [404, 'No such errand, question or persona (NOT_FOUND)'],
          [409, 'Already answered, or no longer waiting: its errand was cancelled (CONFLICT)'],
          [413, 'The body is too large (TOO_LARGE)'],
          [415, 'The body is not JSON'],
          [429, 'As many errands as the server runs at once are running (LIMIT_EXCEEDED)'],
        ].map(([code, description]) => [`E${code}`, { description, content: json(ref('Error')) }]),
      ),
    },
  };
}
