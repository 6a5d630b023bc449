/** The part of node-nlp (NLP.js v4, no type declarations of its own) that the bench uses. */
declare module 'node-nlp' {
  export interface NlpResult {
    readonly locale: string;
    readonly intent: string;
    readonly score: number;
  }
  export class NlpManager {
    constructor(settings?: Record<string, unknown>);
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<unknown>;
    process(locale: string, utterance: string): Promise<NlpResult>;
  }
}
