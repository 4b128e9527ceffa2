import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { IdentifiedAnswerer } from '../answer-log/recording.js';
import { filterCatalog } from '../retrieve/catalog-filter.js';
import type { SearchEngine } from '../retrieve/engine.js';
import type { Program } from '../catalog.js';
import { isPrefecture } from '../text/prefectures.js';
import { askSchema, MAX_QUESTION } from './ask-schema.js';
import { passage } from './respond.js';

/** A program as catalog listings show it: what it is, what it costs, whom to call. */
const summary = (p: Program) => ({ id: p.id, title: p.title, authority: p.authority, region: p.region, budget: p.budget, contacts: p.contacts, facts: p.facts });

const json = (value: unknown) => ({ content: [{ type: 'text' as const, text: JSON.stringify(value) }], structuredContent: value as Record<string, unknown> });

/**
 * The MCP face of the help desk: tools `search_programs`, `get_program`, `ask`, and the catalog as
 * resources (`madoguchi://programs`, `madoguchi://programs/{id}`). Same engine and answerer as the HTTP API.
 */
export function createMcpServer(engine: SearchEngine, answerer: IdentifiedAnswerer): McpServer {
  const server = new McpServer({ name: 'madoguchi', version: '0.1.0' });

  server.registerTool(
    'search_programs',
    {
      description: 'Find Japanese government support programs for a need written in plain words, with budgets and contact offices. Filters as on GET /api/programs.',
      inputSchema: {
        query: z.string().trim().min(1).max(MAX_QUESTION).optional().describe('What the user needs, in Japanese or English'),
        new: z.boolean().optional().describe('Only programs requested as new (新規), or only continuing ones'),
        budget_min: z.number().nonnegative().optional().describe('Requested budget at least this, in 億円'),
        budget_max: z.number().nonnegative().optional().describe('Requested budget at most this, in 億円'),
        office: z.string().min(1).max(100).optional().describe('Part of a contact office name'),
        authority: z.string().min(1).max(100).optional().describe('Part of the responsible ministry, agency or local government (所管)'),
        region: z.string().refine(isPrefecture, 'a prefecture written in full, e.g. 静岡県').optional().describe('A prefecture: its programs and nationwide ones'),
        limit: z.number().int().min(1).max(50).optional(),
      },
    },
    async (args) => {
      const programs = await filterCatalog(engine, { q: args.query, isNew: args.new, budgetMin: args.budget_min, budgetMax: args.budget_max, office: args.office, authority: args.authority, region: args.region });
      return json({ programs: programs.slice(0, args.limit ?? 10).map((p) => ({ ...summary(p), source: p.source })) });
    },
  );

  server.registerTool(
    'get_program',
    { description: 'The full record of one program: budget, contacts (per sub-item), sections, sub-items, source lines.', inputSchema: { id: z.string().min(1).max(100) } },
    async ({ id }) => {
      const program = engine.programs.find((p) => p.id === id);
      if (!program) return { content: [{ type: 'text' as const, text: `no program with id "${id}"` }], isError: true };
      return json(program);
    },
  );

  server.registerTool(
    'ask',
    {
      description: 'A grounded answer to a question about the programs, with numbered citations to programs, passages and contact offices.',
      // The same schema as POST /api/ask: same limits, same trimming, same defaults.
      inputSchema: askSchema.shape,
    },
    async ({ question, history, mode }) => json(await answerer.answer({ question, history, mode })),
  );

  server.registerTool(
    'search_passages',
    { description: 'Ranked passages without an answer, as GET /api/search.', inputSchema: { query: z.string().trim().min(1).max(MAX_QUESTION), k: z.number().int().min(1).max(50).optional() } },
    async ({ query, k }) => json({ hits: (await engine.retriever.search(query, k ?? 10)).map((h) => ({ ...passage(h.chunk), score: h.score })) }),
  );

  server.registerResource('catalog', 'madoguchi://programs', { description: 'Every program with its budget and contacts', mimeType: 'application/json' }, async (uri) => ({
    contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify({ programs: engine.programs.map(summary) }) }],
  }));
  server.registerResource(
    'program',
    new ResourceTemplate('madoguchi://programs/{id}', {
      list: async () => ({ resources: engine.programs.map((p) => ({ uri: `madoguchi://programs/${p.id}`, name: p.title, mimeType: 'application/json' })) }),
    }),
    { description: 'One program, full record', mimeType: 'application/json' },
    async (uri, { id }) => {
      const program = engine.programs.find((p) => p.id === String(id));
      return { contents: program ? [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(program) }] : [] };
    },
  );
  return server;
}
