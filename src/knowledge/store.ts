import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { ERROR_CODES, ReachError } from '../errors';
import { loadKnowledge, type KnowledgeBase } from './load';
import { formatProblem, type Problem } from './problems';
import { KnowledgeIndex } from './search';

/** A base and its index, swapped together so a turn never sees one without the other. */
export interface LiveKnowledge {
  readonly base: KnowledgeBase;
  readonly index: KnowledgeIndex;
}

export interface ReloadStatus {
  readonly at: string;
  readonly ok: boolean;
  /** The problems of the last failed reload, formatted for staff; empty after a good one. */
  readonly problems: readonly string[];
}

/** How often the folder is checked for edits: staff see their change live within two seconds. */
export const POLL_MS = 1000;

async function signature(dir: string): Promise<string> {
  const parts: string[] = [];
  const walk = async (rel: string, depth: number): Promise<void> => {
    for (const d of await readdir(path.join(dir, rel), { withFileTypes: true })) {
      const child = path.join(rel, d.name);
      if (d.isDirectory() && depth === 0 && !d.name.startsWith('.')) await walk(child, 1);
      else if (d.isFile() && /\.ya?ml$/.test(d.name)) {
        const s = await stat(path.join(dir, child));
        parts.push(`${child}:${s.size}:${s.mtimeMs}`);
      }
    }
  };
  await walk('', 0);
  return parts.sort().join('|');
}

/**
 * Holds the knowledge being served. Loads once at start (a broken base stops start-up with every
 * problem listed) and then, when watching, reloads on edits: a good edit is swapped in at once; a
 * broken one is reported and the last good base keeps serving.
 */
export class KnowledgeStore {
  private live: LiveKnowledge;
  private status: ReloadStatus | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastSignature = '';
  private checking = false;

  private constructor(
    readonly dir: string,
    live: LiveKnowledge,
    private readonly onReload: (status: ReloadStatus, problems: readonly Problem[]) => void,
  ) {
    this.live = live;
  }

  static async open(
    dir: string,
    onReload: (status: ReloadStatus, problems: readonly Problem[]) => void = () => undefined,
  ): Promise<KnowledgeStore> {
    const sig = await signature(dir).catch(() => '');
    const { base, problems } = await loadKnowledge(dir);
    if (!base) {
      const lines = problems.filter((p) => p.severity === 'error').map(formatProblem);
      throw new ReachError(ERROR_CODES.KB_SCHEMA, `The knowledge base has errors:\n${lines.join('\n')}`);
    }
    const store = new KnowledgeStore(dir, { base, index: new KnowledgeIndex(base.entries) }, onReload);
    store.lastSignature = sig;
    return store;
  }

  current(): LiveKnowledge {
    return this.live;
  }

  lastReload(): ReloadStatus | null {
    return this.status;
  }

  /** Load the folder again now; keeps the current base if the new one has errors. */
  async reload(): Promise<ReloadStatus> {
    const { base, problems } = await loadKnowledge(this.dir);
    const at = new Date().toISOString();
    if (base) {
      this.live = { base, index: new KnowledgeIndex(base.entries) };
      this.status = { at, ok: true, problems: [] };
    } else {
      const errors = problems.filter((p) => p.severity === 'error');
      this.status = { at, ok: false, problems: errors.map(formatProblem) };
    }
    this.onReload(this.status, problems);
    return this.status;
  }

  /** Check for edits every POLL_MS until stop(). */
  watch(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.check(), POLL_MS);
    this.timer.unref();
  }

  private async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      const sig = await signature(this.dir).catch(() => 'unreadable');
      if (sig !== this.lastSignature) {
        this.lastSignature = sig;
        await this.reload();
      }
    } finally {
      this.checking = false;
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
