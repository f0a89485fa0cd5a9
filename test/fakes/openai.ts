import { startApiServer, type ApiServer, type FakeRequest } from './api-server.js';

/** What the fake model answers: the assistant message content, computed from the request's messages. */
export type Responder = (request: {
  model: string;
  messages: Array<{ role: string; content: string }>;
}) => string | { status: number; body: unknown } | { delayMs: number; content: string };

export interface OpenAiFake {
  /** API root to use as LLM_BASE_URL (ends in /v1, like real OpenAI-compatible servers). */
  baseUrl: string;
  requests: FakeRequest[];
  respondWith(responder: Responder): void;
  close(): Promise<void>;
}

/** The drafts the client sent in its user message, so a responder can rewrite them. */
export function draftsOf(messages: Array<{ role: string; content: string }>): { holding: string; reply: string; brief: string } {
  const user = messages.find((m) => m.role === 'user');
  return (JSON.parse(user?.content ?? '{}') as { drafts: { holding: string; reply: string; brief: string } }).drafts;
}

/** A loopback OpenAI-compatible server: `POST /v1/chat/completions` in the real request and response format. */
export async function startOpenAiFake(): Promise<OpenAiFake> {
  let responder: Responder = ({ messages }) => JSON.stringify(draftsOf(messages));
  const server: ApiServer = await startApiServer(async (req) => {
    if (req.method !== 'POST' || req.path !== '/v1/chat/completions') {
      return { status: 404, body: { error: { message: `no route ${req.method} ${req.path}`, type: 'invalid_request_error' } } };
    }
    const request = JSON.parse(req.body) as { model: string; messages: Array<{ role: string; content: string }> };
    const answer = responder(request);
    if (typeof answer === 'object' && 'status' in answer) return { status: answer.status, body: answer.body };
    let content: string;
    if (typeof answer === 'object') {
      await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
      content = answer.content;
    } else {
      content = answer;
    }
    return {
      body: {
        id: 'chatcmpl-fake',
        object: 'chat.completion',
        created: 1_700_000_000,
        model: request.model,
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
      },
    };
  });
  return {
    baseUrl: `${server.url}/v1`,
    requests: server.requests,
    respondWith(next) {
      responder = next;
    },
    close: () => server.close(),
  };
}
