/**
 * The little of markdown-it 13 that the staff markup check (markup.ts, its only user) needs. The package
 * ships no types of its own.
 */
declare module 'markdown-it' {
  interface Token {
    readonly type: string;
    readonly markup: string;
    readonly content: string;
    /** Source lines [first, after last] of a block token; null for inline tokens. */
    readonly map: [number, number] | null;
    readonly children: Token[] | null;
    attrGet(name: string): string | null;
  }

  interface Options {
    readonly html?: boolean;
    readonly linkify?: boolean;
    readonly typographer?: boolean;
    readonly breaks?: boolean;
  }

  class MarkdownIt {
    constructor(options?: Options);
    parse(src: string, env: object): Token[];
    /** Links it does not accept are left as text; the check accepts all, to judge each itself. */
    validateLink: (url: string) => boolean;
    /** The linkify-it instance that finds addresses written out. */
    readonly linkify: { set(options: { readonly fuzzyLink?: boolean; readonly fuzzyEmail?: boolean }): unknown };
  }

  export = MarkdownIt;
}
