// kuromoji's own modules that its package entry does not expose: the query dictionary is built with
// its builder, and its Tokenizer (fed from buffers instead of its file loader) tokenises the rare text
// with a surrogate pair.
declare module 'kuromoji/src/Tokenizer.js' {
  import type { IpadicFeatures } from 'kuromoji';
  export default class Tokenizer {
    constructor(dictionaries: unknown);
    tokenize(text: string): IpadicFeatures[];
    /** One piece of text (no 、 or 。 but at its end) → its tokens, pushed onto `tokens`. */
    tokenizeForSentence(sentence: string, tokens: IpadicFeatures[]): IpadicFeatures[];
  }
}

declare module 'kuromoji/src/dict/DynamicDictionaries.js' {
  /** The unknown-word table and kuromoji's character classes. */
  export interface UnknownDictionary {
    dictionary: { getShort(at: number): number };
    target_map: Record<number, number[]>;
    getFeatures(id: number | string): string;
    lookup(ch: string): { class_id: number; class_name: string; is_always_invoke: number; is_grouping: number };
  }
  export default class DynamicDictionaries {
    token_info_dictionary: {
      loadDictionary(tid: Uint8Array): void;
      loadPosVector(pos: Uint8Array): void;
      getFeatures(wordId: number | string): string;
      target_map: Record<number, ArrayLike<number>>;
    };
    unknown_dictionary: UnknownDictionary;
    loadTrie(base: Int32Array, check: Int32Array): this;
    loadConnectionCosts(cc: Int16Array): this;
    loadUnknownDictionaries(unk: Uint8Array, pos: Uint8Array, map: Uint8Array, chars: Uint8Array, compat: Uint32Array, invoke: Uint8Array): this;
  }
}

declare module 'kuromoji/src/dict/builder/DictionaryBuilder.js' {
  interface Int32View {
    getBaseBuffer(): Int32Array;
    getCheckBuffer(): Int32Array;
  }
  export default class DictionaryBuilder {
    addTokenInfoDictionary(csvLine: string): this;
    buildTokenInfoDictionary(): {
      trie: { bc: Int32View };
      token_info_dictionary: { dictionary: { buffer: Uint8Array }; pos_buffer: { buffer: Uint8Array }; targetMapToBuffer(): Uint8Array };
    };
  }
}
