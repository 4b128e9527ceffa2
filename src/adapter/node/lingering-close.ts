import type { Http2Bindings, HttpBindings } from '@hono/node-server';
import { IncomingMessage } from 'node:http';

export interface LingerOptions {
  /** At most this many bytes of the refused body are read and thrown away. */
  maxBytes: number;
  /** The whole linger lasts at most this long. */
  maxMs: number;
  /** It ends once the client has sent nothing for this long. */
  idleMs: number;
}

/** nginx lingers up to 30 s, 5 s without data (lingering_time, lingering_timeout); a 64 KB API needs less. */
export const LINGER_DEFAULTS: LingerOptions = { maxBytes: 64 * 1024 * 1024, maxMs: 5_000, idleMs: 2_000 };

type Fetch = (request: Request, env: HttpBindings | Http2Bindings) => Response | Promise<Response>;

/**
 * Lingering close, as nginx does it. When a response closes its connection while the request's body is
 * still arriving (a 413 for an upload over the limit), the response is sent and the sending side shut, then
 * the rest of the body is read and thrown away until it ends, the client hangs up, or a bound is reached
 * (bytes, the whole time, a pause); only then is the socket closed. Closed at once, the kernel answers the
 * bytes still arriving with a reset, and the client (Node's fetch, a browser) reports the reset, not the 413.
 *
 * @example serve({ fetch: lingeringClose(app.fetch), port: 8787 });
 */
export function lingeringClose(fetch: Fetch, options: Partial<LingerOptions> = {}): Fetch {
  const bounds = { ...LINGER_DEFAULTS, ...options };
  return async (request, env) => {
    const response = await fetch(request, env);
    // HTTP/2 has no Connection header: a stream is reset, not its connection.
    if (env.incoming instanceof IncomingMessage && /\bclose\b/i.test(response.headers.get('connection') ?? '')) linger(env.incoming, bounds);
    return response;
  };
}

function linger(incoming: IncomingMessage, { maxBytes, maxMs, idleMs }: LingerOptions): void {
  const socket = incoming.socket;
  if (incoming.readableEnded || socket.destroyed || typeof socket.destroySoon !== 'function') return;
  // Node's HTTP server closes a `Connection: close` response's socket with destroySoon (end, then destroy
  // once written) the moment the response is out. Until the linger ends, this socket's destroySoon only
  // shuts the sending side; the end of the linger puts Node's back and calls it.
  const own = socket as unknown as { destroySoon?: () => void };
  let closing = false;
  let done = false;
  let bytes = 0;
  const stop = () => {
    if (done) return;
    done = true;
    clearTimeout(whole);
    clearTimeout(pause);
    incoming.off('data', discard);
    delete own.destroySoon;
    if (closing) socket.destroySoon();
  };
  const discard = (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > maxBytes) stop();
    else pause.refresh();
  };
  const whole = setTimeout(stop, maxMs);
  const pause = setTimeout(stop, idleMs);
  own.destroySoon = () => {
    closing = true;
    socket.end();
  };
  // What the route had begun to read is no longer wanted (a web stream nobody reads would hold it all).
  incoming.removeAllListeners('data');
  incoming.on('data', discard);
  incoming.once('end', stop);
  socket.once('close', stop);
  incoming.resume();
}
