// kuromoji's own modules that its package entry does not expose: the query dictionary is built with
// its builder and tokenised with its Tokenizer, fed from buffers instead of its file loader.
declare module 'kuromoji/src/Tokenizer.js' {
  import type { IpadicFeatures } from 'kuromoji';
  import type ViterbiLattice from 'kuromoji/src/viterbi/ViterbiLattice.js';
  export default class Tokenizer {
    constructor(dictionaries: unknown);
    tokenize(text: string): IpadicFeatures[];
    viterbi_builder: { build(sentence: string): ViterbiLattice };
  }
}

declare module 'kuromoji/src/viterbi/ViterbiLattice.js' {
  import type ViterbiNode from 'kuromoji/src/viterbi/ViterbiNode.js';
  export default class ViterbiLattice {
    append(node: ViterbiNode): void;
    appendEos(): void;
  }
}

declare module 'kuromoji/src/viterbi/ViterbiNode.js' {
  export default class ViterbiNode {
    constructor(name: number, cost: number, startPos: number, length: number, type: 'KNOWN' | 'UNKNOWN', leftId: number, rightId: number, surface: string);
  }
}

declare module 'kuromoji/src/dict/DynamicDictionaries.js' {
  /** The unknown-word table and kuromoji's character classes. */
  export interface UnknownDictionary {
    dictionary: { getShort(at: number): number };
    target_map: Record<number, number[]>;
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
