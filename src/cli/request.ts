import { readFileSync } from 'node:fs';
import { clean } from '../person/index.js';
import { ErrandError } from '../errors.js';
import { APP_NAMES } from '../world/index.js';

/** Where the request may come from besides the words on the command line. */
export interface RequestSources {
  /** `--request-file <file>`. */
  file?: string;
  /** The process's standard input. */
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The request: the words given, or the file from --request-file, or standard input (`-` as the request,
 * or no words while something is piped in). An empty request is refused with a sentence.
 */
export async function readRequest(words: string[], sources: RequestSources): Promise<string> {
  let text: string;
  let from: string;
  if (sources.file !== undefined) {
    if (words.length)
      throw new ErrandError(
        'INVALID_INPUT',
        `Give the request once: as words or with --request-file ${sources.file}, not both.`,
      );
    try {
      text = readFileSync(sources.file, 'utf8');
    } catch (err) {
      throw new ErrandError(
        'NOT_FOUND',
        `Cannot read the request file ${sources.file}: ${(err as Error).message}`,
      );
    }
    from = `the file ${sources.file}`;
  } else if ((words.length === 1 && words[0] === '-') || (words.length === 0 && !sources.stdin.isTTY)) {
    text = await readAll(sources.stdin);
    from = 'standard input';
  } else if (words.length === 0) {
    throw new ErrandError(
      'INVALID_INPUT',
      'Say what errand to run: errand run "<request>", errand run --request-file <file>, or pipe the request in (echo "…" | errand run -).',
    );
  } else {
    text = words.join(' ');
    from = 'the command line';
  }
  // Read as the person sees it: characters that show nothing cannot split or disguise a name.
  const request = clean(text).trim();
  if (!request)
    throw new ErrandError(
      'INVALID_INPUT',
      `The request from ${from} is empty: say what errand to run, e.g. errand run "给王芳转20元".`,
    );
  return request;
}

/** The flags whose values used to be lists separated by spaces, with what such a value looks like. */
const LIST_FLAGS: { flag: string; key: 'allowApp' | 'allow' | 'image'; looksLike: (w: string) => boolean }[] =
  [
    { flag: '--allow-app', key: 'allowApp', looksLike: (w) => (APP_NAMES as readonly string[]).includes(w) },
    { flag: '--allow', key: 'allow', looksLike: (w) => /^[a-z]+_[a-z0-9_]+$/.test(w) },
    { flag: '--image', key: 'image', looksLike: (w) => /\.(png|jpe?g|webp|gif)$/i.test(w) },
  ];

/**
 * Refuses a command line where the request starts with what looks like more values of a list flag
 * (`--allow-app food pay chat "…"`): the request would silently begin with "pay chat". Says the right form.
 */
export function checkNotSwallowed(
  words: string[],
  flags: Partial<Record<'allowApp' | 'allow' | 'image', string[]>>,
): void {
  if (words.length < 2) return;
  for (const { flag, key, looksLike } of LIST_FLAGS) {
    const given = flags[key];
    if (!given?.length || !looksLike(words[0]!)) continue;
    const extra: string[] = [];
    for (const w of words) {
      if (!looksLike(w)) break;
      extra.push(w);
    }
    const form =
      key === 'image'
        ? [...given, ...extra].map((v) => `--image ${v}`).join(' ')
        : `${flag} ${[...given, ...extra].join(',')}`;
    throw new ErrandError(
      'INVALID_INPUT',
      `"${extra.join(' ')}" after ${flag} looks like more of its values, not your request: ${flag} takes ${key === 'image' ? 'one file each time' : 'a comma-separated list'}. Write ${form} "<request>", with the request in quotes.`,
    );
  }
}
