import { MessageChannel, type MessagePort, Worker, receiveMessageOnPort } from 'node:worker_threads';

/**
 * Answers at least this long (in characters) are parsed in a worker thread. One `JSON.parse` on the main thread
 * costs about 14 ms per MiB, in a single call that cannot be cut: a 2 MiB page held every chat command for 30 ms on
 * an idle machine and over 100 ms on a loaded one. Below this size a parse takes under 4 ms and a worker's round
 * trip would cost more than it saves.
 */
export const OFF_THREAD_CHARS = 256 * 1024;

/** Milliseconds of rebuilding pieces on the main thread between two turns of the event loop. */
const TURN_MS = 4;

type Reply = { id: number; pieces: number } | { id: number; syntax: string };
type Waiting = { port: MessagePort; resolve: (value: unknown) => void; reject: (error: Error) => void };
type Piece = { root: unknown } | { path: Array<string | number>; items: unknown[] };

/** One worker for the process, started at the first big answer and not holding the process open while idle. */
let worker: Worker | undefined;
const waiting = new Map<number, Waiting>();
let lastId = 0;

function theWorker(): Worker {
  if (worker) return worker;
  // The .js beside this module, in src/ as in dist/; no execArgv of ours (tsx, --expose-gc) is needed there. Its heap
  // is capped well above the worst answer the JSON budget lets through (40 MiB parsed): past it the worker dies and
  // the answer is parsed here instead.
  const started = new Worker(new URL('./json-worker.js', import.meta.url), { execArgv: [], resourceLimits: { maxOldGenerationSizeMb: 256 } });
  started.on('message', (reply: Reply) => {
    const job = waiting.get(reply.id);
    if (!job) return;
    waiting.delete(reply.id);
    if (waiting.size === 0) started.unref();
    if ('syntax' in reply) {
      job.port.close();
      job.reject(new SyntaxError(reply.syntax));
      return;
    }
    rebuild(job.port, reply.pieces).then(job.resolve, job.reject);
  });
  const fail = (error: Error): void => {
    if (worker === started) worker = undefined;
    for (const [id, job] of waiting) {
      waiting.delete(id);
      job.port.close();
      job.reject(new WorkerGone(error.message));
    }
  };
  started.on('error', fail);
  started.on('exit', (code) => fail(new Error(`exited with code ${code}`)));
  worker = started;
  return started;
}

/** The worker died (out of memory, killed): the answer is parsed on the main thread instead, with the same result. */
class WorkerGone extends Error {}

/** The pieces the worker left on the channel, read one by one, with turns of the event loop between them. */
async function rebuild(port: MessagePort, pieces: number): Promise<unknown> {
  let root: unknown;
  let turnStarted = performance.now();
  try {
    for (let n = 0; n < pieces; n += 1) {
      if (performance.now() - turnStarted >= TURN_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        turnStarted = performance.now();
      }
      const piece = receiveMessageOnPort(port)?.message as Piece | undefined;
      if (!piece) throw new WorkerGone(`piece ${n + 1} of ${pieces} missing`);
      if ('root' in piece) {
        root = piece.root;
        continue;
      }
      let target = root as Record<string | number, unknown>;
      for (const key of piece.path) target = target[key] as Record<string | number, unknown>;
      (target as unknown as unknown[]).push(...piece.items);
    }
  } finally {
    port.close();
  }
  return root;
}

/**
 * `JSON.parse(text)`, same value and same SyntaxError, without holding the event loop: a big text is parsed in a
 * worker thread, which hands the value back in pieces (long arrays a thousand elements at a time) so that no single
 * structured clone on the main thread costs what the parse did.
 */
export async function parseJsonText(text: string): Promise<unknown> {
  if (text.length < OFF_THREAD_CHARS) return JSON.parse(text);
  try {
    return await new Promise<unknown>((resolve, reject) => {
      const id = ++lastId;
      const { port1, port2 } = new MessageChannel();
      const thread = theWorker();
      waiting.set(id, { port: port1, resolve, reject });
      thread.ref();
      thread.postMessage({ id, text, port: port2 }, [port2]);
    });
  } catch (error) {
    if (error instanceof WorkerGone) return JSON.parse(text);
    throw error;
  }
}
