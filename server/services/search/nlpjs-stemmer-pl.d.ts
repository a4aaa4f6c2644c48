declare module "@nlpjs/lang-pl/src/stemmer-pl.js" {
  /** nlp.js's light Polish stemmer (suffix rules for nouns, adjectives, verbs, adverbs). */
  export default class StemmerPl {
    stemWord(word: string): string;
  }
}
