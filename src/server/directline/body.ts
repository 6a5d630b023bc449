import type { Request } from 'restify';

/** Largest body the Direct Line routes read: a message of the longest text the bot reads, with room to spare. */
export const MAX_DIRECTLINE_BODY = 16 * 1024;

/**
 * The request's JSON body as an object, or null. Uses the body a server-wide parser already read, if
 * any; otherwise reads at most `MAX_DIRECTLINE_BODY` bytes itself, so these routes do not depend on
 * how the rest of the server parses bodies.
 */
export async function jsonBody(req: Request): Promise<Record<string, unknown> | null> {
  const parsed: unknown = req.body;
  if (parsed !== undefined) return isObject(parsed) ? parsed : null;
  if (req.readableEnded) return {};
  const text = await new Promise<string | null>((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_DIRECTLINE_BODY) chunks.push(chunk);
    });
    req.once('end', () => resolve(size > MAX_DIRECTLINE_BODY ? null : Buffer.concat(chunks).toString('utf8')));
    req.once('error', () => resolve(null));
  });
  if (text === null) return null;
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}
