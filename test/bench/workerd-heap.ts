import type { LocalWorker } from '../worker/local-worker.js';

export interface IsolateHeap {
  /** V8's JS heap in use (objects, strings). */
  usedMb: number;
  /** ArrayBuffers' backing stores, outside the JS heap: the index's typed arrays and the dictionary. */
  backingStoreMb: number;
}

/**
 * The isolate's memory as workerd's V8 reports it over the inspector (`Runtime.getHeapUsage`): the
 * JS heap in use and the array buffers' backing stores, the memory Cloudflare's 128 MB limit is about.
 * workerd does not answer `HeapProfiler.collectGarbage`, so the figure includes garbage not yet
 * collected. Needs a global WebSocket (Node 22, or `--experimental-websocket` on Node 20: `npm run bench`
 * passes it); the worker must be started with the inspector on.
 */
export async function isolateHeap(worker: LocalWorker): Promise<IsolateHeap> {
  const sampler = await heapSampler(worker);
  try {
    return await sampler.sample();
  } finally {
    sampler.close();
  }
}

export interface HeapSampler {
  sample(): Promise<IsolateHeap>;
  close(): void;
}

/** One inspector session, for reading the heap again and again (after every answer) without opening one each time. */
export async function heapSampler(worker: LocalWorker): Promise<HeapSampler> {
  const inspector = await worker.inspectorUrl;
  if (!inspector) throw new Error('start the worker with dev.inspector set to read its heap');
  const [target] = (await (await fetch(new URL('/json', inspector))).json()) as { webSocketDebuggerUrl: string }[];
  // wrangler's inspector proxy wants an Origin it knows; undici's WebSocket takes headers as an extension.
  const ws = new WebSocket(target!.webSocketDebuggerUrl, { headers: { origin: 'http://localhost' } } as unknown as string[]);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  const waiting = new Map<number, (usage: { usedSize: number; backingStorageSize?: number }) => void>();
  ws.onmessage = (m) => {
    const d = JSON.parse(String(m.data)) as { id?: number; result?: { usedSize: number; backingStorageSize?: number } };
    if (d.id !== undefined) waiting.get(d.id)?.(d.result!);
  };
  let id = 0;
  const mb = (n: number) => n / 1024 / 1024;
  return {
    async sample() {
      const at = ++id;
      const usage = await new Promise<{ usedSize: number; backingStorageSize?: number }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the inspector did not answer Runtime.getHeapUsage')), 10_000);
        waiting.set(at, (u) => {
          clearTimeout(timer);
          waiting.delete(at);
          resolve(u);
        });
        ws.send(JSON.stringify({ id: at, method: 'Runtime.getHeapUsage' }));
      });
      return { usedMb: mb(usage.usedSize), backingStoreMb: mb(usage.backingStorageSize ?? 0) };
    },
    close: () => ws.close(),
  };
}
