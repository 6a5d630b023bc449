import { randomBytes } from 'node:crypto';
import { frame, readFrame, STREAMING } from '../../src/server/directline/stream';

/** A frame as a browser sends it: masked, FIN set. */
function fromBrowser(opcode: number, payload: Buffer): Buffer {
  const mask = randomBytes(4);
  const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
  const head = payload.length < 126 ? Buffer.from([0x80 | opcode, 0x80 | payload.length]) : Buffer.from([0x80 | opcode, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
  return Buffer.concat([head, mask, masked]);
}

describe('WebSocket frames of the activity stream (RFC 6455)', () => {
  test.each([
    [10, 2],
    [300, 4],
    [70_000, 10],
  ])('a %i-byte message from the server: unmasked, FIN set, length in a %i-byte header', (size, headerBytes) => {
    const out = frame(0x1, Buffer.alloc(size, 0x61));
    expect(out[0]).toBe(0x81);
    expect(out[1]! & 0x80).toBe(0); // servers never mask
    expect(out.length).toBe(size + headerBytes);
    const declared = size < 126 ? out[1] : size < 65_536 ? out.readUInt16BE(2) : Number(out.readBigUInt64BE(2));
    expect(declared).toBe(size);
  });

  test('a masked frame from the browser is read back, whole or in pieces', () => {
    const sent = fromBrowser(0x9, Buffer.from('ping!'));
    expect(readFrame(sent)).toEqual({ opcode: 0x9, payload: Buffer.from('ping!'), size: sent.length });
    expect(readFrame(sent.subarray(0, 3))).toBeNull();
    const long = fromBrowser(0x1, Buffer.alloc(200, 0x62));
    expect(readFrame(long.subarray(0, long.length - 1))).toBeNull();
    expect(readFrame(long)).toMatchObject({ opcode: 0x1, size: long.length });
  });

  test('an unmasked frame, or one larger than a Direct Line client ever sends, breaks the rules', () => {
    expect(readFrame(Buffer.from([0x81, 0x02, 0x68, 0x69]))).toBe('bad');
    expect(readFrame(fromBrowser(0x1, Buffer.alloc(STREAMING.maxIncomingBytes + 1)))).toBe('bad');
    expect(readFrame(Buffer.from([0x81, 0xff, 0, 0, 0, 0, 0, 1, 0, 0]))).toBe('bad');
  });
});
