import { get } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { loadConfig } from '../../src/config';
import { isReachError } from '../../src/errors';
import { frameAncestors, linkedHtml, pageNumbers, pickEncoding, smsHref, telHref } from '../../src/server/web';
import { startServer, type Running } from '../helpers/server';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

/** A GET with this Accept-Encoding, its body as sent (fetch would inflate it). */
function raw(url: string, acceptEncoding: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('the chat page', () => {
  let server: Running;
  beforeAll(async () => {
    server = await startServer({ FRAME_ANCESTORS: "'self' https://reach.example.org" });
  });
  afterAll(() => server.close());

  test('GET / is the chat page with the security headers', async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const csp = directives(res.headers.get('content-security-policy') ?? '');
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'self'", 'https://reach.example.org']);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    const nonce = csp.get('style-src')?.find((s) => s.startsWith("'nonce-"));
    expect(nonce).toBeDefined();
    // No framework injecting styles or drawing images at run time: only the page's own style element
    // and its own icon.
    expect(csp.get('style-src')).toEqual([nonce]);
    expect(csp.get('img-src')).toEqual(["'self'"]);
    // Nothing inline runs: no script without a src, and no inline event handlers.
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>/);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  test('each visit gets its own style nonce', async () => {
    const a = (await fetch(`${server.url}/`)).headers.get('content-security-policy');
    const b = (await fetch(`${server.url}/`)).headers.get('content-security-policy');
    expect(a).not.toBe(b);
  });

  test('the page loads nothing from another site', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    const urls = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(3);
    for (const url of urls) expect(url).toMatch(/^(\/static\/|tel:|sms:)/);
  });

  test('the help bar has the numbers from contacts.yaml as tel: and sms: links, before any script runs', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    const contacts = server.app.knowledge.current().base.contacts;
    const hotline = contacts.get('nhth')!;
    expect(html).toContain(`<a href="tel:${contacts.get('emergency')!.call}">${contacts.get('emergency')!.call}</a>`);
    expect(html).toContain(`<a href="${telHref(hotline.call!)}">${hotline.call}</a>`);
    expect(html).toContain(`<a href="sms:${hotline.text}">${hotline.text}</a>`);
    expect(html).toMatch(/In danger\? Call <a[^>]*>911<\/a>/);
    expect(html).toContain('<html lang="en">');
  });

  test('?lang=es, or a browser that prefers Spanish, gets the page in Spanish', async () => {
    for (const res of [
      await fetch(`${server.url}/?lang=es`),
      await fetch(`${server.url}/`, { headers: { 'accept-language': 'es-MX,es;q=0.9,en;q=0.5' } }),
    ]) {
      const html = await res.text();
      expect(html).toContain('<html lang="es">');
      expect(html).toMatch(/¿Está en peligro\? Llame al <a[^>]*>911<\/a>/);
      expect(html).toContain('Salida rápida');
    }
    expect(await (await fetch(`${server.url}/?lang=en`, { headers: { 'accept-language': 'es' } })).text()).toContain('<html lang="en">');
  });

  test("the chat's scripts are served by the bot itself, Brotli-compressed (gzip for older browsers), kept for a year under their hashed URLs", async () => {
    const html = (await raw(`${server.url}/`, 'identity')).body.toString('utf8');
    const src = /src="(\/static\/app\.js\?v=[0-9a-f]+)"/.exec(html)?.[1];
    expect(src).toBeDefined();
    const plain = await raw(`${server.url}${src}`, 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toContain('ReachDirectLine.connect');

    const br = await raw(`${server.url}${src}`, 'gzip, deflate, br');
    expect(br.status).toBe(200);
    expect(br.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(br.headers['x-content-type-options']).toBe('nosniff');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(br.body.length).toBeLessThan(plain.body.length / 3);

    const gz = await raw(`${server.url}${src}`, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);

    // Without the current hash the browser may not keep it: a new release would not reach it.
    expect((await raw(`${server.url}/static/app.js`, 'br')).headers['cache-control']).toBe('no-cache');
  });

  test('the chat is a few kilobytes of its own script, no framework: a slow phone has it in one round trip', async () => {
    const html = (await raw(`${server.url}/`, 'identity')).body.toString('utf8');
    const scripts = [...html.matchAll(/<script src="(\/static\/[\w.-]+\.js)\?v=[0-9a-f]+"/g)].map((m) => m[1]!);
    expect(scripts).toEqual(['/static/markdown.js', '/static/directline.js', '/static/app.js']);
    for (const gone of ['webchat.js', 'react.js', 'react-dom.js']) expect((await fetch(`${server.url}/static/${gone}`)).status).toBe(404);
    let bytes = 0;
    for (const script of scripts) bytes += (await raw(`${server.url}${script}`, 'br')).body.length;
    // Web Chat and React took 452 KB over the network; this budget is a twentieth of that.
    expect(bytes).toBeLessThan(20 * 1024);
  });

  test('the page itself is compressed and never kept', async () => {
    const res = await raw(`${server.url}/`, 'br');
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(brotliDecompressSync(res.body).toString('utf8')).toContain('id="help-bar"');
  });

  test('the title is neutral and configurable (PAGE_TITLE), and Quick exit goes where QUICK_EXIT_URL says', async () => {
    const html = (await raw(`${server.url}/`, 'identity')).body.toString('utf8');
    expect(html).toContain('<title>Chat</title>');
    const custom = await startServer({ PAGE_TITLE: 'Weather & news', QUICK_EXIT_URL: 'https://example.org/news' });
    try {
      const page = (await raw(`${custom.url}/?lang=es`, 'identity')).body.toString('utf8');
      expect(page).toContain('<title>Weather &#38; news</title>');
      const config = JSON.parse(/<script id="reach-config" type="application\/json">(.*?)<\/script>/s.exec(page)![1]!) as { quickExit: string; title: string };
      expect(config).toMatchObject({ quickExit: 'https://example.org/news', title: 'Weather & news' });
    } finally {
      await custom.close();
    }
    expect(() => loadConfig({ QUICK_EXIT_URL: 'http://example.org' })).toThrow(/QUICK_EXIT_URL/);
  });

  test('nothing but the listed files is served from disk', async () => {
    for (const path of ['/static/../package.json', '/static/index.html', '/static/%2e%2e%2fpackage.json', '/static/app.js.map']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('"name"');
    }
  });
});

describe('page helpers', () => {
  test('sms: links carry the keyword in the body form both iOS and Android read', () => {
    expect(smsHref('88788', 'START')).toBe('sms:88788?&body=START');
    expect(smsHref('233733')).toBe('sms:233733');
    const ndvh = pageNumbers(new Map([['ndvh', { id: 'ndvh', name: { en: 'x', es: 'x' }, call: '1-800-799-7233', text: '88788', textKeyword: 'START' }]]) as never);
    expect(ndvh.links).toContainEqual({ number: '88788', href: 'sms:88788?&body=START' });
  });

  test('the response encoding: Brotli when accepted, else gzip, never one refused with q=0', () => {
    expect(pickEncoding('gzip, deflate, br')).toBe('br');
    expect(pickEncoding('gzip;q=1.0, br;q=0')).toBe('gzip');
    expect(pickEncoding('identity')).toBeUndefined();
    expect(pickEncoding('')).toBeUndefined();
  });

  test('tel: links: US numbers get +1, short codes stay short', () => {
    expect(telHref('1-888-373-7888')).toBe('tel:+18883737888');
    expect(telHref('911')).toBe('tel:911');
    expect(telHref('988')).toBe('tel:988');
  });

  test('a page string becomes HTML with escaped text and linked numbers', () => {
    const numbers = pageNumbers(
      new Map([
        ['emergency', { id: 'emergency', call: '911' }],
        ['nhth', { id: 'nhth', call: '1-888-373-7888', text: '233733' }],
      ]) as unknown as Parameters<typeof pageNumbers>[0],
    );
    expect(linkedHtml('<b>Call {{emergency}}</b> or text {{text}}', numbers)).toBe(
      '&#60;b&#62;Call <a href="tel:911">911</a>&#60;/b&#62; or text <a href="sms:233733">233733</a>',
    );
    expect(numbers.links.map((l) => l.number)).toEqual(['1-888-373-7888', '233733', '911']);
  });

  test('a FRAME_ANCESTORS value that could change the policy stops start-up', async () => {
    expect(frameAncestors("'self'  https://a.example.org")).toBe("'self' https://a.example.org");
    for (const bad of ["'self'; script-src *", 'https://a.example.org,https://b', "'unsafe-inline'"]) {
      let error: unknown;
      try {
        frameAncestors(bad);
      } catch (e) {
        error = e;
      }
      expect(isReachError(error) && error.code).toBe('REACH_CONFIG_INVALID');
    }
    await expect(startServer({ FRAME_ANCESTORS: "'self'; script-src *", KNOWLEDGE_RELOAD: 'off' })).rejects.toMatchObject({ code: 'REACH_CONFIG_INVALID' });
  });
});
