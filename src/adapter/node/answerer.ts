import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { answererFor as configuredAnswerer } from '../../answer/configured.js';
import type { Prompts } from '../../answer/llm.js';
import type { Answerer } from '../../answer/types.js';
import type { Config } from '../../config.js';
import type { SearchEngine } from '../../retrieve/engine.js';

export const PROMPTS_DIR = join(import.meta.dirname, '../../../prompts');

/** The prompt files, by the names the LLM answerer gives them. */
export const PROMPT_FILES: Record<keyof Prompts, string> = {
  system: 'answer-system.txt',
  user: 'answer-user.txt',
  styleAnswer: 'style-answer.txt',
  styleDraft: 'style-draft.txt',
  rewrite: 'rewrite-follow-up.txt',
};

export async function loadPrompts(dir = PROMPTS_DIR): Promise<Prompts> {
  const entries = await Promise.all(Object.entries(PROMPT_FILES).map(async ([key, file]) => [key, await readFile(join(dir, file), 'utf8')]));
  return Object.fromEntries(entries) as Prompts;
}

/** The answerer for this configuration, with the prompts read from prompts/ (answer/configured.ts). */
export function answererFor(config: Config, log: (message: string) => void = () => {}): Promise<(engine: SearchEngine) => Answerer> {
  return configuredAnswerer(config.openai, () => loadPrompts(), log);
}
