// kuromoji's own modules that its package entry does not expose: the query dictionary is built with
// its builder and tokenised with its Tokenizer, fed from buffers instead of its file loader.
declare module 'kuromoji/src/Tokenizer.js' {
  import type { IpadicFeatures } from 'kuromoji';
  export default class Tokenizer {
    constructor(dictionaries: unknown);
    tokenize(text: string): IpadicFeatures[];
  }
}

declare module 'kuromoji/src/dict/DynamicDictionaries.js' {
  export default class DynamicDictionaries {
    trie: { commonPrefixSearch(text: string): { k: string; v: number }[] };
    token_info_dictionary: {
      loadDictionary(tid: Uint8Array): void;
      loadPosVector(pos: Uint8Array): void;
      target_map: Record<number, ArrayLike<number>>;
    };
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
