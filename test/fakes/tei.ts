import { startApiServer, type ApiServer, type FakeRequest } from './api-server.js';

/**
 * A loopback Hugging Face Text Embeddings Inference server for a sequence-classification model, in TEI's real wire
 * format (router/src/http/types.rs, server.rs): `POST /predict` with `{"inputs": …, "truncate", "raw_scores"}`,
 * where `inputs` is a string, a pair, or a batch `[[text], [text, text], …]`; the answer is one list of
 * `{"score", "label"}` per input (every label of the model, best first), a bare list for a single input. Errors are
 * `{"error", "error_type"}`: a batch over `--max-client-batch-size` (32 by default) is a 413 "validation" error.
 */
export type Scorer = (text: string) => { negative: number; neutral: number; positive: number };

export interface TeiFake {
  url: string;
  requests: FakeRequest[];
  /** What the model answers for each text (probabilities); default: a keyword rule. */
  scoreWith(scorer: Scorer): void;
  /** Answer every request this late (to exercise timeouts). */
  delay(ms: number): void;
  /** Answer the next requests with this HTTP error, in TEI's error format. */
  failNext(count: number, status?: number): void;
  close(): Promise<void>;
}

const MAX_CLIENT_BATCH_SIZE = 32;

const keywordScorer: Scorer = (text) => {
  if (/terrible|awful|nul|سيئ|سرق/u.test(text)) return { negative: 0.91, neutral: 0.06, positive: 0.03 };
  if (/love|great|bravo|رائع/u.test(text)) return { negative: 0.02, neutral: 0.08, positive: 0.9 };
  return { negative: 0.1, neutral: 0.8, positive: 0.1 };
};

function predictions(scores: ReturnType<Scorer>): Array<{ score: number; label: string }> {
  return Object.entries(scores)
    .map(([label, score]) => ({ score, label }))
    .sort((a, b) => b.score - a.score);
}

export async function startTeiFake(): Promise<TeiFake> {
  let scorer = keywordScorer;
  let delayMs = 0;
  let failures: { count: number; status: number } = { count: 0, status: 503 };
  const server: ApiServer = await startApiServer(async (req) => {
    if (req.method !== 'POST' || req.path !== '/predict') return { status: 404, body: '' };
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (failures.count > 0) {
      failures.count--;
      return { status: failures.status, body: { error: 'Model is overloaded', error_type: 'overloaded' } };
    }
    let request: { inputs?: unknown; truncate?: boolean; raw_scores?: boolean };
    try {
      request = JSON.parse(req.body) as typeof request;
    } catch (error) {
      return { status: 422, body: `Failed to parse the request body as JSON: ${(error as Error).message}` };
    }
    const { inputs } = request;
    if (typeof inputs === 'string') return { body: predictions(scorer(inputs)) };
    if (!Array.isArray(inputs) || inputs.length === 0) return { status: 422, body: { error: '`inputs` cannot be empty', error_type: 'empty' } };
    if (typeof inputs[0] === 'string') return { body: predictions(scorer(inputs.join(' '))) };
    if (inputs.length > MAX_CLIENT_BATCH_SIZE) {
      return {
        status: 413,
        body: { error: `batch size ${inputs.length} > maximum allowed batch size ${MAX_CLIENT_BATCH_SIZE}`, error_type: 'validation' },
      };
    }
    return { body: (inputs as string[][]).map((sequence) => predictions(scorer(sequence.join(' ')))) };
  });
  return {
    url: server.url,
    requests: server.requests,
    scoreWith(next) {
      scorer = next;
    },
    delay(ms) {
      delayMs = ms;
    },
    failNext(count, status = 503) {
      failures = { count, status };
    },
    close: () => server.close(),
  };
}
