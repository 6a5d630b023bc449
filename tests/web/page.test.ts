import { gunzipSync } from 'node:zlib';
import { isReachError } from '../../src/errors';
import { frameAncestors, linkedHtml, pageNumbers, telHref } from '../../src/server/web';
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

  test('Web Chat is served by the bot itself, compressed, with the same headers', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    const src = /src="(\/static\/webchat\.js\?v=[0-9a-f]+)"/.exec(html)?.[1];
    expect(src).toBeDefined();
    const res = await fetch(`${server.url}${src}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const body = Buffer.from(await res.arrayBuffer());
    // fetch inflates for us; either way, it is the Web Chat bundle.
    const text = (body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body) : body).toString('utf8');
    expect(text).toContain('renderWebChat');
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
