// The stand-in's HTTP: k6's http.request is synchronous, so the main thread posts a request here and blocks on a shared
// flag (Atomics.wait) until this worker has fetched it and posted the answer back on the port.
import { parentPort, workerData } from 'node:worker_threads';

const flag = new Int32Array(workerData.flag);

parentPort.on('message', async ({ method, url, headers, body, port }) => {
  const started = performance.now();
  let answer;
  try {
    const res = await fetch(url, { method, headers, body: body ?? undefined, redirect: 'manual' });
    const text = await res.text();
    answer = { status: res.status, headers: Object.fromEntries(res.headers), body: text, ms: performance.now() - started };
  } catch (error) {
    answer = { status: 0, headers: {}, body: '', error: String(error?.cause?.code ?? error?.message ?? error), ms: performance.now() - started };
  }
  port.postMessage(answer);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
