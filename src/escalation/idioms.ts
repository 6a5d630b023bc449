import { loadIdioms } from './rules-data';

/**
 * Hyperbole that borrows danger words ("this exam is going to kill me", "la novela me tiene secuestrada",
 * "held hostage by this group project haha"). Only the idiom is blanked; the rest of the message is
 * still checked, so "this job is killing me, he locked me in" still escalates. The idioms are data,
 * one a line, in `data/safety/idioms.txt`.
 */
export const IDIOMS: readonly RegExp[] = Object.freeze(loadIdioms());

/** The message (normalised, padded with a space each side) with its hyperbole blanked out. */
export function blankIdioms(padded: string): string {
  return IDIOMS.reduce((text, re) => text.replace(re, ' '), padded);
}
