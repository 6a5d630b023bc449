/** The knobs of the search and of the answer / suggest / fallback decision (see `SEARCH`). */
export interface SearchSettings {
  readonly typoSimilarity: readonly number[];
  readonly prefixSimilarity: number;
  readonly minPrefixLength: number;
  readonly maxPostingsToExpand: number;
  readonly candidates: number;
  readonly tokenWeight: number;
  readonly queryCoverageWeight: number;
  readonly entryCoverageWeight: number;
  readonly entryUseSaturation: number;
  readonly unknownWeight: number;
  readonly commonWeight: number;
  readonly fuseThreshold: number;
  readonly answerThreshold: number;
  readonly answerMargin: number;
  readonly suggestThreshold: number;
  readonly maxSuggestions: number;
}

/**
 * Search settings, in one place. Tuned against the public evaluation set (`npm run eval`); change one
 * only with the eval before and after.
 */
export const SEARCH: SearchSettings = Object.freeze({
  /** Similarity credited to a word that matches a known word only with typos (1 edit / 2 edits). */
  typoSimilarity: Object.freeze([1, 0.8, 0.6]),
  /** Similarity credited when one word is the start of the other ("traffick" ~ "trafficker"). */
  prefixSimilarity: 0.75,
  /** Shortest word allowed to match by prefix: shorter ones match too much. */
  minPrefixLength: 4,
  /** A query word matching more than this many records only re-scores candidates found by rarer words. */
  maxPostingsToExpand: 4000,
  /** Records kept after the token stage and re-ranked by fuse.js. */
  candidates: 40,
  /** Weight of the token score against fuse.js's string similarity in the final score. */
  tokenWeight: 0.8,
  /** In the token score: how much the query must be covered versus how much of the question is matched. */
  queryCoverageWeight: 0.5,
  /** Weight of entry coverage. */
  entryCoverageWeight: 0.5,
  entryUseSaturation: 1,
  /** Weight of an unknown word, as a share of the rarest known word's. */
  unknownWeight: 1,
  commonWeight: 0.3,
  /** fuse.js ranks candidates only: a loose threshold so that it scores all of them. */
  fuseThreshold: 1,
  /** Final score at or above which the best entry is answered directly... */
  answerThreshold: 0.5,
  /** ...provided it leads the second entry by at least this much; otherwise Reach asks "did you mean". */
  answerMargin: 0.06,
  /** Below this, nothing is close enough even to suggest: the fallback. */
  suggestThreshold: 0.3,
  /** Most suggestions offered. */
  maxSuggestions: 3,
});
