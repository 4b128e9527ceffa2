import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** Whether Debian's `groonga-bin` is installed (`apt-get install groonga-bin`): the bench runs it when it is. */
export const hasGroonga = () => spawnSync('groonga', ['--version'], { stdio: 'ignore' }).status === 0;

/** A Groonga database serving `select` commands from one process, one JSON line per command. */
export interface Groonga {
  /** Document ids (their order in `docs`) for the query, best first, at most 10. */
  search(query: string): Promise<number[]>;
  close(): void;
}

/**
 * Groonga as a Japanese help desk would set it up out of the box: TokenBigram with NormalizerAuto over one
 * text column, its default score (matched terms). A question is its words ORed (`words` splits it).
 */
export async function groonga(docs: string[], dir: string, words: (text: string) => string[]): Promise<Groonga> {
  const db = join(dir, 'groonga.db');
  const schema = [
    'table_create Docs TABLE_NO_KEY',
    'column_create Docs text COLUMN_SCALAR LongText',
    'table_create Terms TABLE_PAT_KEY ShortText --default_tokenizer TokenBigram --normalizer NormalizerAuto',
    'column_create Terms docs_text COLUMN_INDEX|WITH_POSITION Docs text',
    'load --table Docs',
    JSON.stringify(docs.map((text) => ({ text }))),
  ].join('\n');
  const created = spawnSync('groonga', ['-n', db], { input: schema, maxBuffer: 64 * 1024 * 1024 });
  if (created.status !== 0) throw new Error(`groonga could not build ${db}: ${created.stderr}`);

  const child = spawn('groonga', [db], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  // One command at a time: each answer is the next line.
  let queue = Promise.resolve();
  return {
    search(query) {
      const terms = words(query).map((w) => w.replace(/["\\']/g, '')).filter(Boolean);
      if (terms.length === 0) return Promise.resolve([]);
      const match = terms.map((t) => `"${t}"`).join(' OR ').replace(/'/g, "\\'");
      const answer = queue.then(async () => {
        child.stdin!.write(`select Docs --match_columns 'scorer_tf_idf(text)' --query '${match}' --output_columns _id --sortby -_score,_id --limit 10\n`);
        const line = (await lines.next()).value as string;
        const [, body] = JSON.parse(line) as [unknown, [[[number], unknown, ...[number][]]]?];
        return (body?.[0].slice(2) as [number][] | undefined ?? []).map(([id]) => id - 1);
      });
      queue = answer.then(() => undefined, () => undefined);
      return answer;
    },
    close: () => void child.stdin!.end(),
  };
}
