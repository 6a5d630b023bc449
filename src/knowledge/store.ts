import { watch as watchFolder, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { ERROR_CODES, ReachError } from '../errors';
import { loadKnowledge, type KnowledgeBase } from './load';
import { formatProblem, type Problem } from './problems';
import { keptModel } from '../understanding/cache';
import { MAX_MODEL_TOPICS, TOPIC_TRAINING, TopicModel, type TrainingExample } from '../understanding/topics';
import { KnowledgeIndex } from './search';
import { loadTraining, TRAINING_DIR, type TrainingCorpus } from './training';

/** A base, its index and its topic model, swapped together so a turn never sees one without the others. */
export interface LiveKnowledge {
  readonly base: KnowledgeBase;
  readonly index: KnowledgeIndex;
  readonly topics: TopicModel;
}

/** What the topic model learns from: every entry's questions and title, then the training corpus. */
export function topicExamples(base: KnowledgeBase, corpus: Pick<TrainingCorpus, 'examples'>): TrainingExample[] {
  const out: TrainingExample[] = [];
  for (const e of base.entries) {
    for (const locale of ['en', 'es'] as const) {
      for (const q of [e[locale].title, ...e[locale].questions]) out.push({ label: e.id, locale, text: q });
    }
  }
  return [...out, ...corpus.examples];
}

/** A knowledge folder read and checked, with its training corpus; nothing indexed or trained yet. */
async function loadParts(dir: string): Promise<{ base: KnowledgeBase | null; corpus: TrainingCorpus | null; problems: readonly Problem[] }> {
  const { base, problems } = await loadKnowledge(dir);
  if (!base) return { base: null, corpus: null, problems };
  const corpus = await loadTraining(dir, base.entries.map((e) => e.id));
  const all = [...problems, ...corpus.problems];
  if (corpus.problems.some((p) => p.severity === 'error')) return { base: null, corpus: null, problems: all };
  return { base, corpus, problems: all };
}

/** How a store keeps its trained topic models. */
export interface StoreOptions {
  /** A folder of trained models to reuse for the same lines (see `understanding/cache.ts`); none: train every time. */
  readonly modelCache?: string | null;
}

/** Load a knowledge folder with its training corpus, index it and train its topic model. */
export async function loadLive(dir: string, options: StoreOptions = {}): Promise<{ live: LiveKnowledge | null; problems: readonly Problem[] }> {
  const { base, corpus, problems } = await loadParts(dir);
  if (!base || !corpus) return { live: null, problems };
  return { live: { base, index: new KnowledgeIndex(base.entries), topics: trainTopics(base, corpus, options) }, problems };
}

/** The topic model of a base (the kept one for the same lines), or none past MAX_MODEL_TOPICS entries (the index alone decides then). */
function trainTopics(base: KnowledgeBase, corpus: TrainingCorpus, options: StoreOptions): TopicModel {
  if (base.entries.length > MAX_MODEL_TOPICS) return TopicModel.none();
  const examples = topicExamples(base, corpus);
  const kept = keptModel(options.modelCache, examples, TOPIC_TRAINING);
  if (kept.model) return kept.model;
  const model = TopicModel.train(examples);
  kept.keep(model);
  return model;
}

export interface ReloadStatus {
  readonly at: string;
  readonly ok: boolean;
  /** The problems of the last failed reload, formatted for staff; empty after a good one. */
  readonly problems: readonly string[];
}

/**
 * How often the folder is checked for edits when the system cannot tell Reach about them: staff see
 * their change live within two seconds.
 */
export const POLL_MS = 1000;
/**
 * When the system does tell Reach about edits (fs.watch), the folder is still checked this often, in case
 * a notice is lost (some network and container file systems drop them). Checking stats every file, so at
 * a statewide directory's size every second would cost a third of a core.
 */
export const BACKSTOP_MS = 10_000;
/** Edits arrive as bursts of notices (an editor writes, renames, touches): one check after the burst. */
export const SETTLE_MS = 150;

async function signature(dir: string): Promise<string> {
  const parts: string[] = [];
  const walk = async (rel: string, depth: number): Promise<void> => {
    for (const d of await readdir(path.join(dir, rel), { withFileTypes: true })) {
      const child = path.join(rel, d.name);
      if (d.isDirectory() && depth === 0 && !d.name.startsWith('.')) await walk(child, 1);
      else if (d.isFile() && (/\.ya?ml$/.test(d.name) || (rel === TRAINING_DIR && d.name.endsWith('.txt')))) {
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
  private watcher: FSWatcher | null = null;
  private settle: NodeJS.Timeout | null = null;
  private lastSignature = '';
  private checking: Promise<void> | null = null;
  private stopped = false;

  private constructor(
    readonly dir: string,
    live: LiveKnowledge,
    private readonly onReload: (status: ReloadStatus, problems: readonly Problem[]) => void,
    private readonly options: StoreOptions,
  ) {
    this.live = live;
  }

  static async open(
    dir: string,
    onReload: (status: ReloadStatus, problems: readonly Problem[]) => void = () => undefined,
    options: StoreOptions = {},
  ): Promise<KnowledgeStore> {
    const sig = await signature(dir).catch(() => '');
    const { live, problems } = await loadLive(dir, options);
    if (!live) {
      const lines = problems.filter((p) => p.severity === 'error').map(formatProblem);
      throw new ReachError(ERROR_CODES.KB_SCHEMA, `The knowledge base has errors:\n${lines.join('\n')}`);
    }
    const store = new KnowledgeStore(dir, live, onReload, options);
    store.lastSignature = sig;
    return store;
  }

  current(): LiveKnowledge {
    return this.live;
  }

  lastReload(): ReloadStatus | null {
    return this.status;
  }

  /**
   * Load the folder again now; keeps the current base if the new one has errors. A good edit is served at
   * once with the new index (an edited question is answered by its exact line) and the current topic
   * model; the model trained on the edit, in slices between requests, replaces it a second or two later
   * on the real base, unless a newer edit has been swapped in since.
   */
  async reload(): Promise<ReloadStatus> {
    let parts: Awaited<ReturnType<typeof loadParts>>;
    try {
      parts = await loadParts(this.dir);
    } catch (err) {
      // A file removed between listing and reading (an editor saving by rename) or the folder going away:
      // the last good base keeps serving, the failure is reported, and the next check reads again.
      this.lastSignature = '';
      const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
      this.status = { at: new Date().toISOString(), ok: false, problems: [`The knowledge folder could not be read (${code}); trying again.`] };
      this.onReload(this.status, []);
      return this.status;
    }
    if (this.stopped) return this.status ?? { at: new Date().toISOString(), ok: true, problems: [] };
    const { base, corpus, problems } = parts;
    const at = new Date().toISOString();
    if (base && corpus) {
      this.live = { base, index: new KnowledgeIndex(base.entries), topics: this.live.topics };
      // Trained in slices, so questions keep being answered meanwhile; given up if a newer edit arrives.
      if (base.entries.length <= MAX_MODEL_TOPICS) {
        // The model kept for the same lines, if any, is read instead (a file written after a training).
        const examples = topicExamples(base, corpus);
        const kept = keptModel(this.options.modelCache, examples, TOPIC_TRAINING);
        void (kept.model ? Promise.resolve(kept.model) : TopicModel.trainInSlices(examples, { abandon: () => this.stopped || this.live.base !== base }))
          .then((topics) => {
            if (topics && !kept.model) kept.keep(topics);
            if (topics && this.live.base === base) this.live = { ...this.live, topics };
          })
          // A failed training keeps the model that was there: the edit is still served by the index.
          .catch(() => undefined);
      } else this.live = { ...this.live, topics: TopicModel.none() };
      this.status = { at, ok: true, problems: [] };
    } else {
      const errors = problems.filter((p) => p.severity === 'error');
      this.status = { at, ok: false, problems: errors.map(formatProblem) };
    }
    this.onReload(this.status, problems);
    return this.status;
  }

  /**
   * Follow edits until stop(): on the system's notices of changes in the folder, with a check every
   * BACKSTOP_MS in case one is lost; where the system gives no notices, by checking every POLL_MS.
   */
  watch(options: { readonly notices?: boolean } = {}): void {
    if (this.timer) return;
    this.stopped = false;
    let every = POLL_MS;
    try {
      if (options.notices === false) throw new Error('notices not wanted');
      this.watcher = watchFolder(this.dir, { recursive: true, persistent: false }, () => this.soon());
      // A watcher that fails later (the folder removed, too many watches) hands over to polling.
      this.watcher.on('error', () => this.poll(POLL_MS));
      every = BACKSTOP_MS;
    } catch {
      this.watcher = null;
    }
    this.poll(every);
  }

  /** How the store is following edits, for /healthz and tests. */
  get following(): 'notices' | 'polling' | 'off' {
    if (!this.timer) return 'off';
    return this.watcher ? 'notices' : 'polling';
  }

  private poll(every: number): void {
    if (this.timer) clearInterval(this.timer);
    if (every === POLL_MS && this.watcher) {
      this.watcher.close();
      this.watcher = null;
    }
    this.timer = setInterval(() => void this.check(), every);
    this.timer.unref();
  }

  private soon(): void {
    if (this.settle) clearTimeout(this.settle);
    this.settle = setTimeout(() => {
      this.settle = null;
      void this.check();
    }, SETTLE_MS);
    this.settle.unref();
  }

  private async check(): Promise<void> {
    if (this.stopped) return;
    if (this.checking) {
      // An edit noticed while a check runs is looked at once that check is done.
      if (this.watcher) this.soon();
      return;
    }
    this.checking = (async () => {
      const sig = await signature(this.dir).catch(() => 'unreadable');
      if (sig !== this.lastSignature && !this.stopped) {
        this.lastSignature = sig;
        await this.reload();
      }
    })();
    try {
      await this.checking;
    } finally {
      this.checking = null;
    }
  }

  /** Stop following edits; resolves once a check already under way has finished (it changes nothing more). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.settle) clearTimeout(this.settle);
    this.watcher?.close();
    this.timer = null;
    this.settle = null;
    this.watcher = null;
    await this.checking?.catch(() => undefined);
  }
}
