import type { Logger } from '../log.js';
import { silentLogger } from '../log.js';
import type { Facts } from '../core/respond/facts.js';
import { buildPolishMessages, checkPolish } from '../core/respond/polish.js';
import type { Suggestion } from '../core/respond/types.js';

export interface PolishOptions {
  /** OpenAI-compatible API root, e.g. `http://127.0.0.1:11434/v1`; unset means nothing is ever sent. */
  baseUrl?: string;
  model?: string;
  apiKey?: string;
  timeoutMs: number;
  /** The playbook's forbidden phrasings: a rewrite containing one is rejected. */
  forbidden?: readonly string[];
  logger?: Logger;
}

function extractJson(content: string): unknown {
  // Local models often wrap JSON in a Markdown fence despite the instruction.
  const fenced = content.match(/```(?:json)?\s*([\s\S]*?)```/);
  return JSON.parse((fenced?.[1] ?? content).trim());
}

/**
 * The drafts rewritten by an LLM, or undefined: when not configured, on timeout or any error, and whenever the
 * rewrite fails validation (see `checkPolish`). The template suggestion is posted first; this only adds to it.
 */
export async function polishSuggestion(suggestion: Suggestion, facts: Facts, options: PolishOptions): Promise<Suggestion | undefined> {
  if (!options.baseUrl || !options.model) return undefined;
  const log = (options.logger ?? silentLogger).child({ component: 'llm-polish', model: options.model });
  const url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  let content: string;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
      },
      body: JSON.stringify({
        model: options.model,
        messages: buildPolishMessages(suggestion, facts),
        temperature: 0.2,
        response_format: { type: 'json_object' },
      }),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    if (!response.ok) {
      log.warn('LLM polish failed: HTTP error, keeping the template drafts', { code: 'llm_http_error', status: response.status });
      return undefined;
    }
    const body = (await response.json()) as { choices?: Array<{ message?: { content?: unknown } }> };
    const raw = body.choices?.[0]?.message?.content;
    if (typeof raw !== 'string') {
      log.warn('LLM polish failed: no message content, keeping the template drafts', { code: 'llm_schema' });
      return undefined;
    }
    content = raw;
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
    log.warn('LLM polish failed, keeping the template drafts', {
      code: timedOut ? 'llm_timeout' : 'llm_unreachable',
      timeoutMs: options.timeoutMs,
      error,
    });
    return undefined;
  }
  let candidate: unknown;
  try {
    candidate = extractJson(content);
  } catch {
    log.warn('LLM polish rejected: not JSON, keeping the template drafts', { code: 'llm_bad_json' });
    return undefined;
  }
  const { holding, reply, brief } = suggestion.drafts;
  const check = checkPolish({ holding, reply, brief }, candidate, facts, options.forbidden ?? []);
  if (!check.ok) {
    log.warn('LLM polish rejected, keeping the template drafts', { code: check.code, detail: check.detail });
    return undefined;
  }
  const polished = candidate as { holding: string; reply: string; brief: string };
  return {
    ...suggestion,
    drafts: { ...suggestion.drafts, holding: polished.holding.trim(), reply: polished.reply.trim(), brief: polished.brief.trim() },
    polished: true,
  };
}
