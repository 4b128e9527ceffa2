import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { workerHandler } from '../../src/adapter/worker/handler.js';
import { evalRows } from '../helpers.js';

/**
 * Run as its own process (`node --expose-gc`): the Worker's handler over a bundle, as an isolate runs it,
 * in V8 without workerd. Prints the JS heap and array buffers it holds after answering every dev question,
 * the time from the bundle to the first answer (the app built in the isolate), and the CPU time per POST /api/ask, on stderr (stdout carries the request log).
 */
const gc = (globalThis as { gc?: () => void }).gc!;
gc();
const before = process.memoryUsage();
// Read into one ArrayBuffer of the file's size: a Worker holds its data module once.
const file = process.argv[2]!;
const bundle = new ArrayBuffer(statSync(file).size);
const fd = openSync(file, 'r');
readSync(fd, new Uint8Array(bundle), 0, bundle.byteLength, 0);
closeSync(fd);
const handler = workerHandler(bundle);
const rows = await evalRows();
const cold = performance.now();
const ask = (row: (typeof rows)[number]) =>
  handler.fetch(new Request('http://worker/api/ask', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: row.question, history: row.history }) }), { RATE_LIMIT: '0' }, {});
await (await ask(rows[0]!)).text();
const coldMs = performance.now() - cold;
for (const row of rows) await (await ask(row)).text();
const rounds = 10;
const cpu = process.cpuUsage();
for (let i = 0; i < rounds; i++) for (const row of rows) await (await ask(row)).text();
const used = process.cpuUsage(cpu);
// The last answer's buffers are released at the next request.
await (await handler.fetch(new Request('http://worker/healthz'), {}, {})).text();
// V8 frees array buffers' memory concurrently after a collection: let it finish before reading the figure.
for (let i = 0; i < 3; i++) {
  gc();
  await new Promise((r) => setTimeout(r, 50));
}
const after = process.memoryUsage();
const mb = (n: number) => n / 1024 / 1024;
console.error(
  JSON.stringify({
    heapMb: mb(after.heapUsed),
    arrayBuffersMb: mb(after.arrayBuffers),
    grownMb: mb(after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers),
    coldMs,
    cpuMsPerAsk: (used.user + used.system) / 1000 / (rounds * rows.length),
  }),
);
