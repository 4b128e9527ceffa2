import { z } from 'zod';
import { escapeHtml } from '../widget/demo-page.js';
import { askSchema } from './ask-schema.js';
import { questionsSchema, rangeSchema } from './routes/admin-questions.js';
import { filterSchema } from './routes/catalog.js';
import { feedbackSchema } from './routes/feedback.js';
import { chatSchema, MODELS } from './routes/openai.js';

const schema = (s: z.ZodType) => {
  const { $schema: _, ...rest } = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

const text = { type: 'string' };
const contact = {
  type: 'object',
  required: ['office', 'phone', 'scope'],
  properties: {
    office: text,
    phone: { type: ['string', 'null'], description: 'null where the document gives only an office, e-mail or URL; never a FAX number' },
    scope: { type: ['string', 'null'], description: 'sub-items it covers, e.g. (1)～(4)' },
    extension: { type: 'string', description: '内線' },
    email: text,
    url: text,
    hours: { type: 'string', description: '受付時間 as written' },
  },
};
const range = { type: 'array', items: { type: 'integer' }, minItems: 2, maxItems: 2 };
const source = {
  type: 'object',
  required: ['document'],
  properties: { document: text, lines: range, pages: range, record: { type: 'string', description: "a catalog record's id" } },
};
const program = { type: 'object', required: ['id', 'title'], properties: { id: { type: 'string' }, title: { type: 'string' } } };
const citation = { type: 'object', required: ['n', 'program', 'section', 'snippet', 'contacts', 'source'], properties: { n: { type: 'integer' }, program, section: { type: 'string' }, snippet: { type: 'string' }, contacts: { type: 'array', items: contact }, source } };
const answer = {
  type: 'object',
  required: ['id', 'answer', 'answerable', 'mode', 'generator', 'citations'],
  properties: { id: { type: 'string', description: 'the answer\'s id, for POST /api/feedback' }, answer: { type: 'string', description: '[n] resolves to citations[n-1]' }, answerable: { type: 'boolean' }, mode: { enum: ['answer', 'draft'] }, generator: { enum: ['extractive', 'llm'] }, citations: { type: 'array', items: citation } },
};
const error = { type: 'object', required: ['error'], properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } } } };
const json = (s: object) => ({ content: { 'application/json': { schema: s } } });
const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [String(s), { description: 'coded error', ...json({ $ref: '#/components/schemas/Error' }) }]));
const ok = (description: string, s: object = { type: 'object' }) => ({ '200': { description, ...json(s) } });
const queryParameters = (s: z.ZodType) => Object.entries((schema(s) as { properties: Record<string, object> }).properties).map(([name, p]) => ({ name, in: 'query', schema: p }));
const staff = [{ adminToken: [] }];
const logged = {
  type: 'object',
  required: ['id', 'time', 'mode', 'generator', 'answerable', 'programs', 'latencyMs', 'question', 'answer', 'rating', 'comment'],
  properties: {
    id: text,
    time: { type: 'string', format: 'date-time' },
    mode: { enum: ['answer', 'draft'] },
    generator: { enum: ['extractive', 'llm'] },
    answerable: { type: 'boolean' },
    programs: { type: 'array', items: text, description: 'cited program ids, the main one first' },
    latencyMs: { type: 'number' },
    question: { type: ['string', 'null'], description: 'phones, e-mail addresses and long digit runs masked; null with STORE_QUESTIONS=0' },
    answer: { type: ['string', 'null'] },
    rating: { enum: ['up', 'down', null], description: 'the latest rating' },
    comment: { type: ['string', 'null'], description: 'the latest comment' },
  },
};

/**
 * The HTTP API as OpenAPI 3.1, its request schemas generated from the zod schemas that validate them.
 */
export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: 'madoguchi', version: '0.1.0', description: 'Grounded answers about Japanese government support programs, with citations to the program and its contact office.' },
    components: {
      schemas: { Error: error, Answer: answer, Citation: citation, Contact: contact, LoggedQuestion: logged },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'required when the server sets API_KEYS' }, adminToken: { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN: the staff page\'s API' } },
    },
    paths: {
      '/api/ask': {
        post: {
          summary: 'Ask a question; Accept: text/event-stream streams delta events and a final done event with the same JSON',
          requestBody: { required: true, ...json(schema(askSchema)) },
          responses: { ...ok('a grounded answer', { $ref: '#/components/schemas/Answer' }), ...errors(400, 401, 413, 415, 429, 503) },
        },
      },
      '/api/search': {
        get: {
          summary: 'Ranked passages without an answer',
          parameters: [
            { name: 'q', in: 'query', required: true, schema: { type: 'string', minLength: 1, maxLength: 2000 } },
            { name: 'k', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 50, default: 10 } },
          ],
          responses: { ...ok('hits, best first'), ...errors(400, 401, 429, 503) },
        },
      },
      '/api/programs': {
        get: {
          summary: 'The catalog, filtered',
          parameters: queryParameters(filterSchema),
          responses: { ...ok('programs'), ...errors(400, 401, 429, 503) },
        },
      },
      '/api/programs/{id}': {
        get: {
          summary: 'One program, full record',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { ...ok('the program'), ...errors(401, 404, 429, 503) },
        },
      },
      '/api/feedback': {
        post: {
          summary: 'Rate an answer (its id from /api/ask, the SSE done event, /v1 or MCP), with an optional comment; 503 when the server keeps no answer log or cannot write it',
          requestBody: { required: true, ...json(schema(feedbackSchema)) },
          responses: { '204': { description: 'stored' }, ...errors(400, 401, 404, 413, 415, 429, 503) },
        },
      },
      '/admin': { get: { summary: 'The staff page: what was asked, refused and rated (asks for ADMIN_TOKEN; exists only when it is set)', responses: { '200': { description: 'page', content: { 'text/html': { schema: { type: 'string' } } } } } } },
      '/admin/api/questions': {
        get: {
          summary: 'Logged answers, newest first: JSON, or CSV (spreadsheet-safe) with Accept: text/csv or format=csv',
          security: staff,
          parameters: queryParameters(questionsSchema),
          responses: {
            '200': { description: 'questions', content: { 'application/json': { schema: { type: 'object', required: ['questions'], properties: { questions: { type: 'array', items: { $ref: '#/components/schemas/LoggedQuestion' } } } } }, 'text/csv': { schema: { type: 'string' } } } },
            ...errors(400, 401, 503),
          },
        },
      },
      '/admin/api/summary': {
        get: {
          summary: 'Totals, answer rate per day (Japan time), questions per program, refused questions grouped into topics, 👎 answers with comments',
          security: staff,
          parameters: queryParameters(rangeSchema),
          responses: { ...ok('summary', { type: 'object', required: ['totals', 'days', 'programs', 'topics', 'comments'] }), ...errors(400, 401, 503) },
        },
      },
      '/healthz': { get: { summary: 'Health and index identity', responses: { ...ok('healthy'), ...errors(503) } } },
      '/v1/models': { get: { summary: 'OpenAI-compatible model list', responses: { ...ok('models'), ...errors(401, 429, 503) } } },
      '/v1/chat/completions': {
        post: {
          summary: `OpenAI-compatible chat completions (models: ${Object.keys(MODELS).join(', ')}); citations in the content and in the extra field "madoguchi"`,
          requestBody: { required: true, ...json(schema(chatSchema)) },
          responses: { ...ok('a chat completion, or SSE chunks with stream: true'), ...errors(400, 401, 404, 415, 429, 503) },
        },
      },
      '/mcp': { post: { summary: 'Model Context Protocol, Streamable HTTP (JSON-RPC): tools search_programs, get_program, ask, search_passages', responses: ok('JSON-RPC response') } },
      '/widget.js': { get: { summary: 'The embeddable chat widget', responses: { '200': { description: 'script', content: { 'application/javascript': { schema: { type: 'string' } } } } } } },
    },
    security: [{}, { bearer: [] }],
  };
}

/** A readable page of the document, rendered on the server (the page runs no script). */
export function docsPage(doc: Record<string, unknown>): string {
  const paths = doc.paths as Record<string, Record<string, { summary: string; parameters?: { name: string }[]; responses: Record<string, unknown> }>>;
  const rows = Object.entries(paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(
      ([method, op]) =>
        `<tr><td><code>${method.toUpperCase()} ${escapeHtml(path)}</code></td><td>${escapeHtml(op.summary)}${op.parameters ? `<br><small>${op.parameters.map((p) => escapeHtml(p.name)).join(', ')}</small>` : ''}</td><td>${Object.keys(op.responses).join(' ')}</td></tr>`,
    ),
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>madoguchi API</title>
<style>body{font-family:system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;width:100%}td{border-top:1px solid #ddd;padding:.5rem;vertical-align:top}</style></head>
<body><h1>madoguchi HTTP API</h1><p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>
<table><tr><th>route</th><th>what</th><th>statuses</th></tr>${rows.join('')}</table></body></html>`;
}
