import { cpSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KNOWLEDGE_DIR } from './fixtures';

/** A private copy of the real knowledge folder that a test may break, removed by cleanup(). */
export function copyKnowledge(): { dir: string; write(rel: string, text: string): void; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'reach-kb-'));
  cpSync(KNOWLEDGE_DIR, dir, { recursive: true });
  return {
    dir,
    write(rel, text) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A small valid entry in the real format, for tests to vary. */
export function entryYaml(id: string, over: Partial<Record<'en' | 'es' | 'extra' | 'reviewed' | 'related', string>> = {}): string {
  const [category] = id.split('.');
  const en =
    over.en ??
    `en:
  title: Test entry
  questions: [what is the test entry about, tell me about the test entry]
  answer: |
    A short answer. {{contact:nhth}}`;
  const es =
    over.es ??
    `es:
  title: Entrada de prueba
  questions: [de que trata la entrada de prueba, hablame de la entrada de prueba]
  answer: |
    Una respuesta corta. {{contact:nhth}}`;
  return `id: ${id}
category: ${category}
reviewed: ${over.reviewed ?? '2026-11-01'}
sources: [https://humantraffickinghotline.org]
related: ${over.related ?? '[]'}
${over.extra ?? ''}${en}
${es}
`;
}
