import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { Duplex } from 'node:stream';

/** What a Direct Line client reads from its stream: activities and the watermark after them. */
export interface StreamMessage {
  readonly activities: { id: string; type: string; text?: string; replyToId?: string; from: { id: string; role?: string } }[];
  readonly watermark: string;
}

export interface StreamClient {
  /** The next message, with the time it arrived (performance.now()). */
  next(): Promise<{ message: StreamMessage; at: number }>;
  /** Send a masked frame, as browsers do (opcode 1 text, 8 close, 9 ping). */
  send(opcode: number, payload?: Buffer): void;
  /** Opcodes of control frames the server sent (pong, close). */
  readonly control: number[];
  close(): Promise<void>;
}

/** A minimal WebSocket client (RFC 6455) for a Direct Line streamUrl: reads text frames as JSON. */
export function connectStream(streamUrl: string): Promise<StreamClient> {
  const url = new URL(streamUrl.replace(/^ws/, 'http'));
  return new Promise((resolve, reject) => {
    const req = request(url, {
      headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': randomBytes(16).toString('base64') },
    });
    req.on('response', (res) => reject(new Error(`no upgrade: ${res.statusCode}`)));
    req.on('error', reject);
    req.on('upgrade', (_res, socket: Duplex, head: Buffer) => {
      const waiting: ((m: { message: StreamMessage; at: number }) => void)[] = [];
      const queued: { message: StreamMessage; at: number }[] = [];
      const control: number[] = [];
      let data = head;
      const read = () => {
        while (data.length >= 2) {
          let length = data[1]! & 0x7f;
          let offset = 2;
          if (length === 126) {
            if (data.length < 4) return;
            length = data.readUInt16BE(2);
            offset = 4;
          } else if (length === 127) {
            if (data.length < 10) return;
            length = Number(data.readBigUInt64BE(2));
            offset = 10;
          }
          if (data.length < offset + length) return;
          const opcode = data[0]! & 0x0f;
          const payload = data.subarray(offset, offset + length).toString('utf8');
          data = data.subarray(offset + length);
          if (opcode !== 1) {
            control.push(opcode);
            continue;
          }
          if (!payload) continue; // a keep-alive
          const item = { message: JSON.parse(payload) as StreamMessage, at: performance.now() };
          const waiter = waiting.shift();
          if (waiter) waiter(item);
          else queued.push(item);
        }
      };
      socket.on('data', (chunk: Buffer) => {
        data = Buffer.concat([data, chunk]);
        read();
      });
      read();
      const send = (opcode: number, payload = Buffer.alloc(0)) => {
        const mask = randomBytes(4);
        const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
        socket.write(Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | payload.length]), mask, masked]));
      };
      resolve({
        next: () => {
          const item = queued.shift();
          return item ? Promise.resolve(item) : new Promise((r) => waiting.push(r));
        },
        send,
        control,
        close: () =>
          new Promise<void>((done) => {
            socket.once('close', () => done());
            send(8, Buffer.from([0x03, 0xe8]));
            setTimeout(() => socket.destroy(), 500).unref();
          }),
      });
    });
    req.end();
  });
}
