/** The knobs of the search and of the answer / suggest / fallback decision (see `SEARCH`). */
export interface SearchSettings {
  readonly typoSimilarity: readonly number[];
  readonly prefixSimilarity: number;
  readonly synonymSimilarity: number;
  readonly minPrefixLength: number;
  readonly maxPostingsToExpand: number;
  readonly candidates: number;
  readonly unknownWeight: number;
  readonly commonWeight: number;
  readonly queryCoverageWeight: number;
  readonly lineWeightFloor: number;
  readonly tokenWeight: number;
  readonly fuseThreshold: number;
  readonly fuseMaxQuery: number;
  readonly entryCoverageWeight: number;
  readonly entryUseHalf: number;
  readonly answerThreshold: number;
  readonly answerMargin: number;
  readonly confidentTie: number;
  readonly suggestThreshold: number;
  readonly maxSuggestions: number;
}

/**
 * Search settings, in one place. The weights and thresholds below were tuned against the public
 * evaluation set (`npm run eval`, 739 cases) and checked on its two halves (even and odd lines) so that
 * no value only suits one of them; change one only with the eval before and after. Word weights are
 * given as a share of the weight of a word that only one entry uses.
 */
export const SEARCH: SearchSettings = Object.freeze({
  /** Similarity credited to a word that matches a known word only with typos (1 edit / 2 edits). */
  typoSimilarity: Object.freeze([1, 0.8, 0.6]),
  /** Similarity credited when a known word starts with the message's word ("papel" ~ "papeles"). */
  prefixSimilarity: 0.75,
  /**
   * Similarity credited to a word of the same synonym group ("kids" ~ "minors"; see src/text/synonyms.ts):
   * above a typo, below the word itself. 0.7 to 0.95 scored alike on the evaluation.
   */
  synonymSimilarity: 0.8,
  /** Shortest word allowed to match by prefix: shorter ones match too much. */
  minPrefixLength: 4,
  /** A query word matching more than this many records only re-scores candidates found by rarer words. */
  maxPostingsToExpand: 4000,
  /**
   * Lines kept after the token stage and compared with the message by fuse.js. The eval scored the same
   * from 15 to 40, and fuse.js is most of the search time.
   */
  candidates: 20,
  /**
   * Weight of a word the base does not know: more than any known word, because "tamales" or "wifi" is
   * strong evidence that a message is about something else. Tuned on the eval: from 1 to 1.5 kept
   * out-of-scope questions below the thresholds without losing topic answers; 2 and 3 did no better.
   */
  unknownWeight: 1.5,
  /**
   * Most weight of an everyday word ("how", "where", "explain", "tell", "saber") known or not: enough
   * to separate "where do i report" from "what is", too little to decide a topic alone. Tuned on the
   * eval between 0.05 and 0.3.
   */
  commonWeight: 0.2,
  /** In a line's score: how much of the message it covers (the rest: how much of it the message covers). */
  queryCoverageWeight: 0.5,
  /**
   * A line weighs at least this much when the message's share of it is measured, so that a line made of
   * words every entry uses ("am i trafficked") is not fully matched by every message about trafficking.
   * Tuned on the eval: 0.25 to 0.5 changed one case either way; above that topic answers are lost.
   */
  lineWeightFloor: 0.25,
  /**
   * Weight of the token score against fuse.js's string similarity in a line's score. Tuned on the eval:
   * fuse.js adds a point or two of hit@1 between 0.6 and 0.8, and costs some below 0.6.
   */
  tokenWeight: 0.7,
  /** fuse.js ranks candidates only: a loose threshold so that it scores all of them. */
  fuseThreshold: 1,
  /**
   * Longest message (its words without stop words, in characters) that fuse.js compares with the
   * candidate lines: one window of its bitap search (32 characters). A longer message, a story that ends
   * in a question, carries no string likeness to a short question, and comparing it window by window was
   * half the cost of a decision; it is ranked on its words alone. On the blind sets measured so far
   * (tuning data now; `npm run eval` on each) it changed 2 of about 3,000 lines (one
   * answer became suggestions at 0.3995), and the cross-validated score of `npm run topics:cv` moved
   * from 0.6712 to 0.6711; the decision's p50 fell by about half (`npm run bench`).
   */
  fuseMaxQuery: 32,
  /**
   * Weight of how well all an entry's lines together cover the message, against its best line. An
   * entry seldom has a question worded like the message, but its questions share the message's words
   * ("papers", "boss", "keep"). Tuned on the eval: 0.5 beat 0.25 and 0.75 on both halves.
   */
  entryCoverageWeight: 0.5,
  /** Lines of an entry using a word at which the entry gets half the credit for it (saturating, as BM25). */
  entryUseHalf: 1,
  /**
   * Final score at or above which the best entry is answered directly... Scores of topic questions and
   * of out-of-scope ones ("renew my driver license") overlap below about 0.3; tuned on the eval so that
   * at least 90% of the out-of-scope ones fall back, with a small margin above the highest of those.
   */
  answerThreshold: 0.29,
  /**
   * ...provided it leads the second entry by at least this much; otherwise Reach asks "did you mean".
   * Only near-ties: entries that overlap by design (what sex trafficking is / its signs) often score
   * within a few hundredths of each other, and every extra hundredth here cost about a point of hit@1.
   */
  answerMargin: 0.01,
  /**
   * A near-tie this confident is answered anyway, with the runner-up offered first among the related
   * topics: both entries answer the question (what sex trafficking is / its signs), so asking "did you
   * mean" would only add a step for a frightened reader.
   */
  confidentTie: 0.6,
  /**
   * Below this, nothing is close enough even to suggest: the fallback. Equal to the answer threshold:
   * out-of-scope questions score up to just under it, so suggestions below it would mostly be noise.
   */
  suggestThreshold: 0.29,
  /** Most suggestions offered. */
  maxSuggestions: 3,
});
