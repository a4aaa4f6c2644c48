import StemmerPl from "@nlpjs/lang-pl/src/stemmer-pl.js";
import { fold } from "./snippet";

/**
 * Polish inflection for search. PostgreSQL ships no Polish stemmer (its Snowball set has none) and
 * a Polish ispell dictionary costs every backend seconds and tens of megabytes to load, so the
 * stemming happens here, on the query only: each word's stem goes to helpdesk_tsquery_wide (0019)
 * as a prefix alternative, so "drukarki" also finds "drukarka", "drukarkę" and "drukarkami" in the
 * vectors as they are. The stemmer (nlp.js, MIT) expects words without diacritics, which is what
 * the desk's folding leaves. Words of other languages pass mostly unchanged; where a rule cuts
 * one, the prefix only widens the match a little.
 */
const stemmer = new StemmerPl();
const LETTERS = /^\p{L}+$/u;
const MIN_WORD = 5;
const MIN_STEM = 4;

/** `{ folded word: folded stem }` for the query's words whose stem differs. */
export function queryStems(query: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const word of fold(query.slice(0, 400)).split(/[^\p{L}\p{N}]+/u)) {
    if (word.length < MIN_WORD || !LETTERS.test(word)) continue;
    const stem = stemmer.stemWord(word);
    if (stem.length >= MIN_STEM && stem !== word && word.startsWith(stem)) out[word] = stem;
  }
  return out;
}
