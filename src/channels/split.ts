/**
 * Splitting a long reply into messages a channel accepts. Parts break, in order of preference, between
 * paragraphs, between lines, between sentences, and only then between words; a word is cut only if it
 * alone is longer than the limit (a pathological URL), which no reply Reach writes contains.
 */

/** Abbreviations whose period does not end a sentence ("EE. UU.", "Dr.", "e.g."). */
const ABBREVIATION =
  /(?:^|\s)(?:EE|UU|Sr|Sra|Srta|Dr|Dra|Lic|No|Núm|núm|etc|e\.g|i\.e|U\.S|St|p\.ej|aprox)\.$/;

interface Piece {
  readonly text: string;
  /** What separated this piece from the one before it ("" for the first). */
  readonly before: string;
}

function sentences(line: string): string[] {
  const out: string[] = [];
  let current = '';
  // A sentence ends at . ! ? or … followed by a space; the space goes with the break.
  for (const token of line.split(/(?<=[.!?…])\s+/)) {
    current = current ? `${current} ${token}` : token;
    if (!ABBREVIATION.test(current)) {
      out.push(current);
      current = '';
    }
  }
  if (current) out.push(current);
  return out;
}

function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  text.split(/\n{2,}/).forEach((paragraph, p) => {
    paragraph.split('\n').forEach((line, l) => {
      sentences(line).forEach((sentence, s) => {
        const before = out.length === 0 ? '' : s > 0 ? ' ' : l > 0 ? '\n' : p > 0 ? '\n\n' : '';
        out.push({ text: sentence, before });
      });
    });
  });
  return out;
}

/** A sentence longer than the limit, broken between words (a single over-long word is cut). */
function words(sentence: string, limit: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of sentence.split(/\s+/)) {
    for (let w = word; w.length > 0;) {
      const candidate = current ? `${current} ${w}` : w;
      if (candidate.length <= limit) {
        current = candidate;
        w = '';
      } else if (current) {
        out.push(current);
        current = '';
      } else {
        out.push(w.slice(0, limit));
        w = w.slice(limit);
      }
    }
  }
  if (current) out.push(current);
  return out;
}

/**
 * Split `text` into ordered parts of at most `limit` characters. Text that fits is returned as is; the
 * parts of a split text, read one after the other, hold every word of the original in its order.
 */
export function splitText(text: string, limit: number): string[] {
  if (text.length <= limit) return [text];
  const parts: string[] = [];
  let current = '';
  for (const piece of pieces(text)) {
    const joined = current ? current + piece.before + piece.text : piece.text;
    if (joined.length <= limit) {
      current = joined;
      continue;
    }
    if (current) parts.push(current);
    current = '';
    if (piece.text.length <= limit) current = piece.text;
    else {
      const chunks = words(piece.text, limit);
      current = chunks.pop() ?? '';
      parts.push(...chunks);
    }
  }
  if (current) parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}
