import { Hono } from 'hono';
import type { IdentifiedAnswerer } from '../../answer-log/recording.js';
import type { SearchEngine } from '../../retrieve/engine.js';
import type { AppEnv } from '../app.js';
import { limitBody } from '../read-json.js';

/**
 * /mcp: Streamable HTTP, stateless (a server and transport per request), so a reloaded index serves
 * the next request and no session outlives it. The MCP SDK is loaded by the first MCP request, not at
 * start-up (it is a sixth of the cold start).
 */
export function mcpRoutes(answererFor: (engine: SearchEngine) => IdentifiedAnswerer): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.all('/', limitBody, async (c) => {
    const [{ StreamableHTTPTransport }, { createMcpServer }] = await Promise.all([import('@hono/mcp'), import('../mcp-server.js')]);
    const engine = c.get('engine');
    const server = createMcpServer(engine, answererFor(engine));
    const transport = new StreamableHTTPTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    await server.connect(transport);
    return transport.handleRequest(c);
  });
  return app;
}
