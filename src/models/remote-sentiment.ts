/**
 * An optional transformer sentiment model behind VIGIE_SENTIMENT_URL, for teams that can host one: Hugging Face Text
 * Embeddings Inference (`POST /predict`, e.g. serving cardiffnlp/twitter-xlm-roberta-base-sentiment) or any
 * OpenAI-compatible chat endpoint with a fixed prompt. Posts go in batches; a slow or failing server never holds up
 * the pipeline: each batch has a timeout, failures fall back to the built-in model for that batch, and after
 * FAILURES_TO_OPEN consecutive failures a circuit breaker sends everything to the built-in model for COOL_OFF_MS
 * before trying the server again. Each result names the model that scored it (`model`, absent for the built-in one).
 */
import { z } from 'zod';
import type { Logger } from '../log.js';
import { classifyAll, type SentimentClassifier, type SentimentInput, type SentimentLabel, type SentimentResult } from '../core/sentiment/types.js';

export interface RemoteSentimentSettings {
  /** TEI: the server root (`/predict` is added); OpenAI-compatible: the API root ending in /v1. */
  url: string;
  api: 'tei' | 'openai';
  /** Name shown in alerts; for the OpenAI-compatible API also the model requested. Default: the server's host. */
  model?: string;
  apiKey?: string;
  timeoutMs: number;
  batchSize: number;
}

// Three failures in a row is a server that is down, not a blip; a minute later it may be back.
const FAILURES_TO_OPEN = 3;
const COOL_OFF_MS = 60_000;

export class RemoteSentimentError extends Error {
  readonly code: 'sentiment_remote_http' | 'sentiment_remote_timeout' | 'sentiment_remote_unreachable' | 'sentiment_remote_schema';
  constructor(code: RemoteSentimentError['code'], message: string) {
    super(message);
    this.code = code;
  }
}

// TEI /predict on a batch: one list of {label, score} per input, every label of the model, best first.
const TeiPredictionsSchema = z.array(z.array(z.object({ label: z.string(), score: z.number() })));

// Labels as the common sentiment models name them: cardiffnlp's "negative"…, others "Negative", "LABEL_0"….
const LABEL_INDEX: Readonly<Record<string, number>> = {
  negative: 0,
  neutral: 1,
  positive: 2,
  label_0: 0,
  label_1: 1,
  label_2: 2,
  neg: 0,
  neu: 1,
  pos: 2,
};
const LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

function fromTei(
  predictions: ReadonlyArray<ReadonlyArray<{ label: string; score: number }>>,
  expected: number,
): Array<Omit<SentimentResult, 'lang'>> {
  if (predictions.length !== expected) {
    throw new RemoteSentimentError('sentiment_remote_schema', `TEI answered ${predictions.length} predictions for ${expected} posts`);
  }
  return predictions.map((scores) => {
    const probabilities: [number, number, number] = [0, 0, 0];
    for (const { label, score } of scores) {
      const index = LABEL_INDEX[label.toLowerCase()];
      if (index === undefined) throw new RemoteSentimentError('sentiment_remote_schema', `TEI label "${label}" is not a sentiment label`);
      probabilities[index] = score;
    }
    const best = probabilities.indexOf(Math.max(...probabilities));
    return { label: LABELS[best]!, confidence: probabilities[best]!, probabilities };
  });
}

/** The fixed instruction of the chat API: numbered posts in, one label per post out, as JSON. */
export const CHAT_SYSTEM_PROMPT =
  'You label the sentiment of social-media posts about brands, in any language (English, French, Arabic, Moroccan ' +
  'Darija in Arabic or Latin letters, and others). For each numbered post decide whether its author expresses a ' +
  'negative, neutral or positive sentiment. Answer with a JSON object only: {"labels": ["negative" | "neutral" | ' +
  '"positive", …]}, one label per post, in the order of the posts.';

const ChatResponseSchema = z.object({ choices: z.array(z.object({ message: z.object({ content: z.string() }) })).min(1) });
const ChatLabelsSchema = z.object({ labels: z.array(z.string()) });

function fromChat(content: string, expected: number): Array<Omit<SentimentResult, 'lang'>> {
  // Local models often wrap JSON in a Markdown fence despite the instruction.
  const fenced = content.match(/```(?:json)?\s*([\s\S]*?)```/u);
  let parsed: z.infer<typeof ChatLabelsSchema>;
  try {
    parsed = ChatLabelsSchema.parse(JSON.parse((fenced?.[1] ?? content).trim()));
  } catch {
    throw new RemoteSentimentError('sentiment_remote_schema', 'the chat model did not answer {"labels": [...]}');
  }
  if (parsed.labels.length !== expected) {
    throw new RemoteSentimentError('sentiment_remote_schema', `the chat model gave ${parsed.labels.length} labels for ${expected} posts`);
  }
  return parsed.labels.map((raw) => {
    const index = LABEL_INDEX[raw.trim().toLowerCase()];
    if (index === undefined) throw new RemoteSentimentError('sentiment_remote_schema', `the chat model answered "${raw}", not a sentiment label`);
    // A chat model gives a label, not a probability.
    return { label: LABELS[index]!, confidence: 1 };
  });
}

async function post(url: string, body: unknown, settings: RemoteSentimentSettings): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new RemoteSentimentError('sentiment_remote_timeout', `no answer within ${settings.timeoutMs} ms`);
    }
    throw new RemoteSentimentError('sentiment_remote_unreachable', (error as Error).message);
  }
  const text = await response.text();
  if (!response.ok) throw new RemoteSentimentError('sentiment_remote_http', `HTTP ${response.status}: ${text.slice(0, 200)}`);
  try {
    return JSON.parse(text);
  } catch {
    throw new RemoteSentimentError('sentiment_remote_schema', 'the answer is not JSON');
  }
}

async function scoreRemotely(texts: readonly string[], settings: RemoteSentimentSettings): Promise<Array<Omit<SentimentResult, 'lang'>>> {
  if (settings.api === 'tei') {
    const body = await post(`${settings.url}/predict`, { inputs: texts.map((t) => [t]), truncate: true }, settings);
    const parsed = TeiPredictionsSchema.safeParse(body);
    if (!parsed.success) throw new RemoteSentimentError('sentiment_remote_schema', 'not a TEI /predict batch answer');
    return fromTei(parsed.data, texts.length);
  }
  const user = texts.map((t, i) => `${i + 1}. ${t.replace(/\s+/gu, ' ')}`).join('\n');
  const body = await post(
    `${settings.url}/chat/completions`,
    {
      model: settings.model,
      messages: [
        { role: 'system', content: CHAT_SYSTEM_PROMPT },
        { role: 'user', content: user },
      ],
      temperature: 0,
      response_format: { type: 'json_object' },
    },
    settings,
  );
  const parsed = ChatResponseSchema.safeParse(body);
  if (!parsed.success) throw new RemoteSentimentError('sentiment_remote_schema', 'not a chat completion');
  return fromChat(parsed.data.choices[0]!.message.content, texts.length);
}

export interface RemoteSentimentDeps {
  logger: Logger;
  now?: () => number;
}

/**
 * The built-in classifier with a remote model in front of it for batches (`classifyBatch`, which the pipeline uses).
 * `classify` (one post, synchronous) stays the built-in model. Language identification is always the built-in one:
 * plans filter on it, and the remote model is not asked.
 */
export function withRemoteSentiment(builtin: SentimentClassifier, settings: RemoteSentimentSettings, deps: RemoteSentimentDeps): SentimentClassifier {
  const now = deps.now ?? Date.now;
  const name = settings.model ?? new URL(settings.url).host;
  const log = deps.logger.child({ component: 'remote-sentiment', model: name });
  let failures = 0;
  let openUntil = 0;

  const failed = (error: unknown): void => {
    failures++;
    const code = error instanceof RemoteSentimentError ? error.code : 'sentiment_remote_unreachable';
    if (failures >= FAILURES_TO_OPEN) {
      openUntil = now() + COOL_OFF_MS;
      failures = 0;
      log.warn('remote sentiment model failing: the built-in model scores every post for a while', { code, coolOffMs: COOL_OFF_MS, error });
    } else {
      log.warn('remote sentiment model failed: the built-in model scored this batch', { code, error });
    }
  };

  return {
    classify: (text, lang, languages) => builtin.classify(text, lang, languages),
    async classifyBatch(posts: readonly SentimentInput[]): Promise<SentimentResult[]> {
      const local = await classifyAll(builtin, posts);
      const out = [...local];
      for (let from = 0; from < posts.length; from += settings.batchSize) {
        if (now() < openUntil) break;
        const batch = posts.slice(from, from + settings.batchSize);
        try {
          const remote = await scoreRemotely(
            batch.map((p) => p.text),
            settings,
          );
          failures = 0;
          remote.forEach((r, i) => {
            out[from + i] = { ...r, lang: local[from + i]!.lang, model: name };
          });
        } catch (error) {
          failed(error);
        }
      }
      return out;
    },
  };
}
