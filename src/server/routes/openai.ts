import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { contactList } from '../../answer/phrases.js';
import type { AskResponse, Citation, Mode } from '../../answer/types.js';
import type { IdentifiedAnswerer } from '../../answer-log/recording.js';
import { appError } from '../../errors.js';
import type { SearchEngine } from '../../retrieve/engine.js';
import type { AppEnv } from '../app.js';
import { MAX_HISTORY, MAX_QUESTION, MAX_TURN } from '../ask-schema.js';
import { limitBody, readJson } from '../read-json.js';
import { deltas } from './ask.js';
import { only } from './methods.js';

/** The models chat front ends can pick: plain answers, or help-desk reply drafts. */
export const MODELS: Record<string, Mode> = { madoguchi: 'answer', 'madoguchi-draft': 'draft' };
const CREATED = 1_767_225_600;

const text = z.union([z.string(), z.array(z.object({ type: z.string(), text: z.string().optional() }).passthrough())]);
export const chatSchema = z.object({
  model: z.string({ error: 'model is required' }),
  messages: z
    .array(z.object({ role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']), content: text.nullable().optional() }).passthrough(), { error: 'messages must be an array' })
    .min(1, 'messages is empty'),
  stream: z.boolean().optional(),
});

const contentText = (content: z.infer<typeof text> | null | undefined): string =>
  typeof content === 'string' ? content : (content ?? []).map((part) => (part.type === 'text' ? (part.text ?? '') : '')).join('');

/**
 * An OpenAI-compatible chat API over the same answerer: the last user message is the question, the
 * earlier user and assistant messages its history. Citations travel both as a Markdown source list in
 * the content and as the extra field `madoguchi` (with `answerable`), streamed or not.
 */
export function openAiRoutes(answererFor: (engine: SearchEngine) => IdentifiedAnswerer): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.all('/models', only('GET', 'HEAD'), (c) =>
    c.json({ object: 'list', data: Object.keys(MODELS).map((id) => ({ id, object: 'model', created: CREATED, owned_by: 'madoguchi' })) }),
  );
  app.all('/chat/completions', only('POST'), limitBody, async (c) => {
    const parsed = chatSchema.safeParse(await readJson(c));
    if (!parsed.success) throw appError('INVALID_INPUT', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const { model, messages, stream } = parsed.data;
    const mode = Object.hasOwn(MODELS, model) ? MODELS[model] : undefined;
    if (!mode) throw appError('MODEL_NOT_FOUND', `no model "${model}"; use ${Object.keys(MODELS).join(' or ')}`);
    const last = messages.at(-1)!;
    const question = contentText(last.content).trim();
    if (last.role !== 'user' || !question) throw appError('INVALID_INPUT', 'the last message must be a user message with text');
    if (question.length > MAX_QUESTION) throw appError('INVALID_INPUT', `the question is longer than ${MAX_QUESTION} characters`);
    const history = messages
      .slice(0, -1)
      .filter((m): m is typeof m & { role: 'user' | 'assistant' } => m.role === 'user' || m.role === 'assistant')
      .map((m) => ({ role: m.role, content: contentText(m.content).slice(0, MAX_TURN) }))
      .slice(-MAX_HISTORY);
    c.set('question' as never, question as never);
    const answer = await answererFor(c.get('engine')).answer({ question, history, mode });
    // The answer's own id, so that feedback can be sent for a completion; also as the extra field's `id`.
    const id = `chatcmpl-${answer.id}`;
    const content = withSources(answer);
    const extra = { id: answer.id, answerable: answer.answerable, generator: answer.generator, citations: answer.citations };
    if (!stream) {
      return c.json({
        id,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model,
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop', logprobs: null }],
        usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
        madoguchi: extra,
      });
    }
    return streamSSE(c, async (sse) => {
      const created = Math.floor(Date.now() / 1000);
      const chunk = (delta: object, finish: string | null, more: object = {}) =>
        sse.writeSSE({ data: JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }], ...more }) });
      await chunk({ role: 'assistant', content: '' }, null);
      for (const piece of deltas({ ...answer, answer: content })) await chunk({ content: piece }, null);
      await chunk({}, 'stop', { madoguchi: extra });
      await sse.writeSSE({ data: '[DONE]' });
    });
  });
  return app;
}

/** The answer followed by its sources as a Markdown list, for clients that only show the content. */
export function withSources(answer: AskResponse): string {
  if (answer.citations.length === 0) return answer.answer;
  const line = (c: Citation) => {
    const contacts = c.contacts.length ? contactList(c.contacts, { lang: 'ja', mode: 'answer' }) : 'この資料に問い合わせ先の記載はありません';
    return `${c.n}. 「${c.program.title}」${c.section} — 問い合わせ先: ${contacts}`;
  };
  return `${answer.answer}\n\n**出典**\n${answer.citations.map(line).join('\n')}`;
}
