import type { Request } from 'restify';
import { checkHeaders, parseJson, readBody } from '../security';

/** Largest body the Direct Line routes read: a message of the longest text the bot reads, with room to spare. */
export const MAX_DIRECTLINE_BODY = 16 * 1024;

export type BodyResult =
  | { readonly ok: true; readonly value: Record<string, unknown> }
  | { readonly ok: false; readonly status: 400 | 413 | 415 };

/**
 * The request's JSON body, read here and nowhere else, with the bot endpoint's rules: JSON only (415
 * otherwise), at most `MAX_DIRECTLINE_BODY` bytes (413, checked on the declared length and again while
 * reading), no nesting past the depth limit and no prototype keys (400). A request without a body (Direct
 * Line clients start conversations and refresh tokens with none) reads as an empty object.
 */
export async function jsonBody(req: Request): Promise<BodyResult> {
  const length = req.headers['content-length'];
  const declaresBody = req.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) !== 0);
  if (!declaresBody) return { ok: true, value: {} };
  const refusal = checkHeaders(req.headers, MAX_DIRECTLINE_BODY);
  if (refusal === 413 || refusal === 415) return { ok: false, status: refusal };
  const body = await readBody(req, MAX_DIRECTLINE_BODY);
  if (body === 'too_large') return { ok: false, status: 413 };
  if (body === 'aborted') return { ok: false, status: 400 };
  if (body.length === 0) return { ok: true, value: {} };
  const json = parseJson(body.toString('utf8'));
  return json.ok && isObject(json.value) ? { ok: true, value: json.value } : { ok: false, status: 400 };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}
