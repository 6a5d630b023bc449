import { createHash } from 'node:crypto';
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import type { DirectLineConversation } from './conversations';

/** Limits of the activity stream, named in one place. */
export const STREAMING = Object.freeze({
  /** Largest frame read from the page: Direct Line clients send only empty keep-alives on the stream. */
  maxIncomingBytes: 4 * 1024,
  /** How often the server pings each open stream, so idle proxies keep it and a dead one is noticed. */
  pingMs: 30_000,
});

/** RFC 6455 §1.3: the key every server appends to the client's before hashing. */
const HANDSHAKE_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

const OP = Object.freeze({ text: 0x1, close: 0x8, ping: 0x9, pong: 0xa });

/** One unmasked frame from the server (RFC 6455 §5.2), FIN set. */
export function frame(opcode: number, payload: Buffer = Buffer.alloc(0)): Buffer {
  const length = payload.length;
  const head = length < 126 ? Buffer.alloc(2) : length < 65_536 ? Buffer.alloc(4) : Buffer.alloc(10);
  head[0] = 0x80 | opcode;
  if (length < 126) head[1] = length;
  else if (length < 65_536) {
    head[1] = 126;
    head.writeUInt16BE(length, 2);
  } else {
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([head, payload]);
}

interface IncomingFrame {
  readonly opcode: number;
  readonly payload: Buffer;
  readonly size: number;
}

/** The first whole frame in `data`, unmasked; null if more bytes are needed; 'bad' if it breaks the rules. */
export function readFrame(data: Buffer): IncomingFrame | null | 'bad' {
  if (data.length < 2) return null;
  const masked = (data[1]! & 0x80) !== 0;
  let length = data[1]! & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (data.length < 4) return null;
    length = data.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    return 'bad'; // far beyond anything a Direct Line client sends
  }
  // Clients must mask every frame (§5.1); and nothing they send on this stream is large.
  if (!masked || length > STREAMING.maxIncomingBytes) return 'bad';
  if (data.length < offset + 4 + length) return null;
  const mask = data.subarray(offset, offset + 4);
  const payload = Buffer.from(data.subarray(offset + 4, offset + 4 + length));
  for (let i = 0; i < payload.length; i += 1) payload[i]! ^= mask[i % 4]!;
  return { opcode: data[0]! & 0x0f, payload, size: offset + 4 + length };
}

interface OpenStream {
  readonly socket: Duplex;
  readonly conversation: DirectLineConversation;
  /** The watermark of the last activities sent: the page has them, so the conversation may drop them. */
  sent: number;
}

/**
 * The built-in Direct Line's activity stream: a WebSocket per conversation, as Azure's Direct Line gives
 * its `streamUrl`. Each activity goes to the page the moment it is queued, instead of waiting for the
 * page's next poll; the GET of activities still works for clients that poll.
 */
export class ActivityStreams {
  private readonly open = new Map<string, OpenStream>();
  private readonly timer: NodeJS.Timeout;

  /** `alive(id)` says whether a conversation is still kept (and marks it as in use). */
  constructor(private readonly alive: (conversationId: string) => boolean) {
    this.timer = setInterval(() => this.ping(), STREAMING.pingMs);
    this.timer.unref();
  }

  /** Complete the WebSocket handshake and send what the page has not seen since `watermark`. */
  accept(req: IncomingMessage, socket: Duplex, conversation: DirectLineConversation, watermark: number): void {
    const key = req.headers['sec-websocket-key'];
    if (typeof key !== 'string' || String(req.headers.upgrade).toLowerCase() !== 'websocket') {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const accept = createHash('sha1').update(key + HANDSHAKE_GUID).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    // Small frames go out at once, not after Nagle's delay.
    if ('setNoDelay' in socket && typeof socket.setNoDelay === 'function') socket.setNoDelay(true);
    this.open.get(conversation.id)?.socket.destroy(); // a reconnecting page replaces its old stream
    const stream: OpenStream = { socket, conversation, sent: watermark };
    this.open.set(conversation.id, stream);
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        const next = readFrame(buffered);
        if (next === null) return;
        if (next === 'bad') return this.end(stream, 1002);
        buffered = buffered.subarray(next.size);
        if (next.opcode === OP.close) return this.end(stream, 1000);
        if (next.opcode === OP.ping) socket.write(frame(OP.pong, next.payload));
        // Text, binary and pong frames (Direct Line clients' keep-alives) need nothing.
      }
    });
    const forget = () => {
      if (this.open.get(conversation.id) === stream) this.open.delete(conversation.id);
    };
    socket.on('close', forget);
    socket.on('error', () => socket.destroy());
    this.flush(conversation);
  }

  /** Send the conversation's new activities down its stream, if one is open. */
  flush(conversation: DirectLineConversation): void {
    const stream = this.open.get(conversation.id);
    if (!stream || stream.socket.destroyed) return;
    const { activities, watermark } = conversation.fetch(stream.sent);
    if (activities.length === 0) return;
    stream.sent = Number(watermark);
    stream.socket.write(frame(OP.text, Buffer.from(JSON.stringify({ activities, watermark }))));
    conversation.fetch(stream.sent); // sent: the server keeps nothing the page already has
  }

  get size(): number {
    return this.open.size;
  }

  /** Close every stream (the server is stopping). */
  close(): void {
    clearInterval(this.timer);
    for (const stream of this.open.values()) this.end(stream, 1001);
  }

  private ping(): void {
    for (const stream of this.open.values()) {
      // An open stream keeps its conversation; a forgotten conversation ends its stream.
      if (this.alive(stream.conversation.id)) stream.socket.write(frame(OP.ping));
      else this.end(stream, 1000);
    }
  }

  private end(stream: OpenStream, code: number): void {
    const payload = Buffer.alloc(2);
    payload.writeUInt16BE(code);
    if (!stream.socket.destroyed) stream.socket.end(frame(OP.close, payload));
    if (this.open.get(stream.conversation.id) === stream) this.open.delete(stream.conversation.id);
  }
}

/** What the stream needs from the Direct Line: who may open which conversation, and which are kept. */
export interface StreamDeps {
  /** The conversation `token` opens, if the token is valid, names `conversationId`, and it is still kept. */
  readonly open: (conversationId: string, token: string) => DirectLineConversation | undefined;
  /** Whether a conversation is still kept (asking marks it as in use). */
  readonly alive: (conversationId: string) => boolean;
}

/** The `streamUrl` a Direct Line client connects to, on the host and scheme the page used. */
export function streamUrl(req: IncomingMessage, domain: string, conversationId: string, token: string): string {
  const secure = req.headers['x-forwarded-proto'] === 'https' || 'encrypted' in req.socket;
  const path = `${domain}/conversations/${encodeURIComponent(conversationId)}/stream?t=${encodeURIComponent(token)}`;
  return `${secure ? 'wss' : 'ws'}://${req.headers.host ?? 'localhost'}${path}`;
}

/**
 * Serve `{domain}/conversations/{id}/stream?t={token}[&watermark=]` WebSocket upgrades on the server.
 * Anything else, or a token that does not open that conversation, gets 403 and the socket closes.
 */
export function attachStreams(server: HttpServer, domain: string, deps: StreamDeps): ActivityStreams {
  const streams = new ActivityStreams(deps.alive);
  const pattern = new RegExp(`^${domain}/conversations/([^/]+)/stream$`);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const id = pattern.exec(url.pathname)?.[1];
    const conversation = id ? deps.open(decodeURIComponent(id), url.searchParams.get('t') ?? '') : undefined;
    if (!conversation) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const raw = url.searchParams.get('watermark') ?? '';
    streams.accept(req, socket, conversation, /^\d{1,9}$/.test(raw) ? Number(raw) : 0);
  });
  server.once('close', () => streams.close());
  return streams;
}
