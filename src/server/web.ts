import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants as zlib, gzip, gzipSync } from 'node:zlib';
import type { Request, Response, Server } from 'restify';
import type { Config } from '../config';
import { ERROR_CODES, ReachError } from '../errors';
import { resources } from '../i18n';
import type { KnowledgeStore } from '../knowledge/store';
import type { Contact, Locale } from '../knowledge/schema';
import { directLineMode } from './directline';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

const PUBLIC_DIR = path.join(__dirname, '..', '..', 'public');

/** Compression of the files the page loads, chosen for a slow phone network. */
const COMPRESSION = Object.freeze({
  /** Brotli's best: the page's files are a few kilobytes, so even quality 11 takes milliseconds. */
  quality: 11,
  /** Hashed URLs never change content, so browsers may keep them a year without asking again. */
  immutable: 'public, max-age=31536000, immutable',
});

const JAVASCRIPT = 'text/javascript; charset=utf-8';

/**
 * The files the page loads, by the name in its URL. Nothing else is served from disk. The chat is the
 * page's own few kilobytes of script (no framework): usable on a slow phone as soon as they arrive.
 */
const ASSETS: Readonly<Record<string, { readonly file: string; readonly type: string }>> = {
  'markdown.js': { file: path.join(PUBLIC_DIR, 'markdown.js'), type: JAVASCRIPT },
  'directline.js': { file: path.join(PUBLIC_DIR, 'directline.js'), type: JAVASCRIPT },
  'app.js': { file: path.join(PUBLIC_DIR, 'app.js'), type: JAVASCRIPT },
  'icon.svg': { file: path.join(PUBLIC_DIR, 'icon.svg'), type: 'image/svg+xml' },
};

interface Asset {
  readonly body: Buffer;
  readonly gzipped: Promise<Buffer>;
  readonly brotli: Promise<Buffer>;
  readonly type: string;
  readonly version: string;
}

/** Headers every response of the page and its files carries. */
const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
} as const;

/** One CSP source: a keyword, a scheme, or a host with optional scheme, port and path. */
const SOURCE = /^('self'|'none'|https?:|\*|(https?:\/\/)?(\*\.)?[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~/-]*)?)$/;

/** FRAME_ANCESTORS as CSP sources, refused at start-up if anything in it could change the policy. */
export function frameAncestors(value: string): string {
  const sources = value.trim().split(/\s+/);
  const bad = sources.find((s) => !SOURCE.test(s));
  if (bad !== undefined) {
    throw new ReachError(
      ERROR_CODES.CONFIG_INVALID,
      `Invalid configuration: FRAME_ANCESTORS: "${bad}" is not a CSP source (use 'self', 'none' or origins like https://example.org)`,
    );
  }
  return sources.join(' ');
}

/**
 * The page's Content-Security-Policy: its own script files, its one inline style element (by the
 * per-request nonce), its own icon, and connections only to the Direct Line in use.
 */
export function contentSecurityPolicy(config: Config, nonce: string): string {
  const connect = ["'self'"];
  if (directLineMode(config) === 'azure') {
    const origin = new URL(config.DIRECTLINE_ENDPOINT).origin;
    connect.push(origin, origin.replace(/^http/, 'ws'));
  }
  return [
    "default-src 'none'",
    "script-src 'self'",
    // No style attributes and no style elements but the page's own (inline, so the help bar paints after
    // one request).
    `style-src 'nonce-${nonce}'`,
    "img-src 'self'",
    `connect-src ${connect.join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors(config.FRAME_ANCESTORS)}`,
  ].join('; ');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * `sms:` link to a number, with the keyword as the message body when there is one. `?&body=` is the
 * form both phone systems read: Android takes the query's `body`, iOS (8 and later) takes `&body=`, and
 * each ignores what it does not understand (iOS's older `;body=` breaks Android).
 */
export function smsHref(number: string, keyword?: string): string {
  const digits = number.replace(/\D/g, '');
  return keyword ? `sms:${digits}?&body=${encodeURIComponent(keyword)}` : `sms:${digits}`;
}

/** `tel:` form of a number as written in contacts.yaml: US numbers get +1, short codes stay as they are. */
export function telHref(number: string): string {
  const digits = number.replace(/\D/g, '');
  if (digits.length === 10) return `tel:+1${digits}`;
  if (digits.length === 11 && digits.startsWith('1')) return `tel:+${digits}`;
  return `tel:${digits}`;
}

/** The numbers the page shows and links, from contacts.yaml (never written anywhere else). */
export interface PageNumbers {
  readonly emergency: { readonly number: string; readonly href: string };
  readonly call: { readonly number: string; readonly href: string };
  readonly text: { readonly number: string; readonly href: string };
  /** Every number in any answer, longest first, with the link it gets in the chat. */
  readonly links: readonly { readonly number: string; readonly href: string }[];
}

export function pageNumbers(contacts: ReadonlyMap<string, Contact>): PageNumbers {
  const emergency = contacts.get('emergency')?.call ?? '';
  const hotline = contacts.get('nhth');
  const links = new Map<string, string>();
  for (const c of contacts.values()) {
    for (const n of [c.call, c.tty]) if (n) links.set(n, telHref(n));
  }
  for (const c of contacts.values()) if (c.text && !links.has(c.text)) links.set(c.text, smsHref(c.text, c.textKeyword));
  return {
    emergency: { number: emergency, href: telHref(emergency) },
    call: { number: hotline?.call ?? '', href: telHref(hotline?.call ?? '') },
    text: { number: hotline?.text ?? '', href: smsHref(hotline?.text ?? '', hotline?.textKeyword) },
    links: [...links].map(([number, href]) => ({ number, href })).sort((a, b) => b.number.length - a.number.length),
  };
}

/** A page string as HTML, its {{emergency}}, {{call}} and {{text}} turned into links. */
export function linkedHtml(template: string, numbers: PageNumbers): string {
  return template
    .split(/(\{\{\w+\}\})/)
    .map((part) => {
      const key = /^\{\{(emergency|call|text)\}\}$/.exec(part)?.[1] as 'emergency' | 'call' | 'text' | undefined;
      if (!key) return escapeHtml(part);
      const { number, href } = numbers[key];
      return `<a href="${escapeHtml(href)}">${escapeHtml(number)}</a>`;
    })
    .join('');
}

/** The page's language: `?lang=`, else the browser's first choice, else the configured default. */
export function pageLocale(req: Request, fallback: Locale): Locale {
  const query = new URL(req.url ?? '/', 'http://local').searchParams.get('lang');
  if (query === 'es' || query === 'en') return query;
  const first = (req.headers['accept-language'] ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  if (first.startsWith('es')) return 'es';
  if (first.startsWith('en')) return 'en';
  return fallback;
}

/** Compressed once per content, for every server in the process (tests start many). */
const compressed = new Map<string, { gzipped: Promise<Buffer>; brotli: Promise<Buffer> }>();

function loadAsset(name: string): Asset {
  const spec = ASSETS[name]!;
  const body = readFileSync(spec.file);
  const version = createHash('sha256').update(body).digest('hex').slice(0, 12);
  let packed = compressed.get(version);
  if (!packed) {
    const quality = COMPRESSION.quality;
    packed = {
      gzipped: gzipAsync(body, { level: 9 }),
      brotli: brotliAsync(body, {
        params: { [zlib.BROTLI_PARAM_QUALITY]: quality, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length, [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT },
      }),
    };
    compressed.set(version, packed);
  }
  return { body, ...packed, type: spec.type, version };
}

/** The encoding to answer with: Brotli, else gzip, else none (q=0 refuses one). */
export function pickEncoding(acceptEncoding: string): 'br' | 'gzip' | undefined {
  const accepted = new Set(
    acceptEncoding
      .toLowerCase()
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !/^\s*q=0(\.0*)?\s*$/.test(q ?? ''))
      .map(([coding]) => coding?.trim()),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return undefined;
}

export interface WebDeps {
  readonly config: Config;
  readonly knowledge: KnowledgeStore;
}

/**
 * `GET /`: the website chat page, and `GET /static/*`: the files it loads, all from `public/`: the page
 * loads nothing from anywhere else.
 */
export function registerWeb(server: Server, deps: WebDeps): void {
  const { config } = deps;
  frameAncestors(config.FRAME_ANCESTORS); // refuse a bad value at start-up, not on the first visit
  // The page's styles go inside it: on a slow network the help bar then shows after one request, not two.
  const css = readFileSync(path.join(PUBLIC_DIR, 'app.css'), 'utf8');
  const template = readFileSync(path.join(PUBLIC_DIR, 'index.html'), 'utf8').replace('{{css}}', () => css);
  const assets = new Map<string, Asset>();
  const asset = (name: string): Asset => {
    let found = assets.get(name);
    if (!found) {
      found = loadAsset(name);
      assets.set(name, found);
    }
    return found;
  };

  server.get('/', async (req: Request, res: Response) => {
    const nonce = randomBytes(16).toString('base64');
    const locale = pageLocale(req, config.DEFAULT_LOCALE);
    const numbers = pageNumbers(deps.knowledge.current().base.contacts);
    const strings = { en: resources.en.translation.page, es: resources.es.translation.page };
    const pageConfig = {
      locale,
      strings,
      numbers,
      title: config.PAGE_TITLE,
      quickExit: config.QUICK_EXIT_URL,
      // The bot's "erased" notice (privacy.deleted): on it, the page clears the transcript too.
      deleted: [resources.en.translation.privacy.deleted, resources.es.translation.privacy.deleted],
      tokenUrl: '/api/directline/token',
    };
    const t = strings[locale];
    const html = template
      .replace(/\{\{asset:([\w.-]+)\}\}/g, (_m, name: string) => `/static/${name}?v=${asset(name).version}`)
      .replace(/\{\{html:(\w+)\}\}/g, (_m, key: keyof typeof t) => linkedHtml(t[key], numbers))
      .replace(/\{\{t:(\w+)\}\}/g, (_m, key: keyof typeof t) => escapeHtml(t[key]))
      .replace(/\{\{lang\}\}/g, locale)
      .replace(/\{\{title\}\}/g, escapeHtml(config.PAGE_TITLE))
      .replace(/\{\{nonce\}\}/g, nonce)
      // Inside <script type="application/json">: only "<" could end the element early.
      .replace('{{config}}', () => JSON.stringify(pageConfig).replace(/</g, '\\u003c'));
    const encoding = pickEncoding(String(req.headers['accept-encoding'] ?? ''));
    // Small and different every time (the nonce): compressed quickly, on the spot.
    const body =
      encoding === 'br'
        ? brotliCompressSync(html, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } })
        : encoding === 'gzip'
          ? gzipSync(html)
          : Buffer.from(html);
    res.writeHead(200, {
      ...COMMON_HEADERS,
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': String(body.length),
      'Content-Security-Policy': contentSecurityPolicy(config, nonce),
      // Nothing of the page is kept by the browser or a proxy: a shared device's cache stays clean.
      'Cache-Control': 'no-store',
      Vary: 'Accept-Language, Accept-Encoding',
      ...(encoding ? { 'Content-Encoding': encoding } : {}),
    });
    res.end(body);
  });

  server.get('/static/:name', async (req: Request, res: Response) => {
    const name = (req.params as Record<string, string>).name ?? '';
    if (!Object.hasOwn(ASSETS, name)) {
      res.writeHead(404, { ...COMMON_HEADERS, 'Content-Type': 'application/json' });
      res.end('{"error":"not_found"}');
      return;
    }
    const file = asset(name);
    const encoding = pickEncoding(String(req.headers['accept-encoding'] ?? ''));
    const body = encoding === 'br' ? await file.brotli : encoding === 'gzip' ? await file.gzipped : file.body;
    const hashed = new URL(req.url ?? '/', 'http://local').searchParams.get('v') === file.version;
    res.writeHead(200, {
      ...COMMON_HEADERS,
      'Content-Type': file.type,
      'Content-Length': String(body.length),
      // The page links each file by its content's hash (?v=), so a changed file is a new URL and the old
      // one can be kept for good. Without the current hash, the browser must ask again.
      'Cache-Control': hashed ? COMPRESSION.immutable : 'no-cache',
      Vary: 'Accept-Encoding',
      ...(encoding ? { 'Content-Encoding': encoding } : {}),
    });
    res.end(body);
  });
}
