import { createHmac, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The issuer of channel tokens (Bot Framework Service to the bot). */
export const CHANNEL_ISSUER = 'https://api.botframework.com';
/** One of the Azure AD issuers botbuilder accepts for Emulator tokens and for bot-to-bot (skill) calls. */
export const AAD_ISSUER = 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/';
/** The key id the provider publishes; a token naming another id has no key to check it with. */
export const KID = 'reach-test-key';

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Claims of a version-1 Azure AD token for `appid` calling `audience`: the Emulator, or a bot calling a skill. */
export function appClaims(audience: string, appid: string): Record<string, unknown> {
  return {
    iss: AAD_ISSUER,
    aud: audience,
    appid,
    ver: '1.0',
    nbf: nowSeconds() - 60,
    exp: nowSeconds() + 3600,
  };
}

/** A fresh RSA private key the provider does not publish: what a forger would sign with. */
export const strangerKey = (): KeyObject => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export interface SignOptions {
  /** Sign with this key instead of the provider's own (RS256 only). */
  readonly key?: KeyObject;
  /**
   * RS256 by default. `none` leaves the signature empty; `HS256` is key confusion: an HMAC keyed with the
   * provider's public key, which anyone can fetch.
   */
  readonly alg?: 'RS256' | 'HS256' | 'none';
  /** Header fields to change, e.g. another `kid` (a field set to undefined is left out). */
  readonly header?: Record<string, unknown>;
}

/**
 * Microsoft's identity endpoints on loopback: OpenID metadata (any path ending in /openid-configuration)
 * and the public key of a key pair made here (/keys), so tokens signed by `sign` pass botbuilder's check
 * with no network. Every other request is recorded in `outbound` and answered 200 `{"id":"sent"}`, as a
 * channel would answer a reply posted to it: in most tests any entry there is the bot reaching out.
 */
export class LocalIdentity {
  readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  outbound: string[] = [];
  url = '';
  private server?: Server;

  async start(): Promise<void> {
    const jwk = this.keys.publicKey.export({ format: 'jwk' });
    const server = createServer((req, res) => {
      const send = (body: unknown) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(body));
      };
      // botbuilder reads only jwks_uri from the metadata; the issuer is checked against the token instead.
      if (req.url?.endsWith('/openid-configuration'))
        return send({ issuer: CHANNEL_ISSUER, jwks_uri: `${this.url}/keys` });
      if (req.url === '/keys')
        return send({ keys: [{ kty: 'RSA', use: 'sig', kid: KID, n: jwk.n, e: jwk.e }] });
      this.outbound.push(`${req.method} ${req.url}`);
      send({ id: 'sent' });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Endpoint settings for ConfigurationBotFrameworkAuthentication (or createApp's authEndpoints) that point here. */
  endpoints() {
    return {
      ToBotFromChannelOpenIdMetadataUrl: `${this.url}/channel/.well-known/openid-configuration`,
      ToBotFromEmulatorOpenIdMetadataUrl: `${this.url}/emulator/.well-known/openid-configuration`,
      ToBotFromChannelTokenIssuer: CHANNEL_ISSUER,
      ToChannelFromBotLoginUrl: `${this.url}/login/botframework.com`,
      ToChannelFromBotOAuthScope: CHANNEL_ISSUER,
      OAuthUrl: `${this.url}/oauth`,
      CallerId: 'urn:botframework:azure',
      ValidateAuthority: false,
    };
  }

  /** A compact JWT with these claims, signed with the provider's private key unless told otherwise. */
  sign(claims: Record<string, unknown>, { key, alg = 'RS256', header = {} }: SignOptions = {}): string {
    const signed = `${b64({ alg, typ: 'JWT', kid: KID, ...header })}.${b64(claims)}`;
    if (alg === 'none') return `${signed}.`;
    if (alg === 'HS256') {
      const secret = this.keys.publicKey.export({ format: 'pem', type: 'spki' });
      return `${signed}.${createHmac('sha256', secret).update(signed).digest('base64url')}`;
    }
    const signature = createSign('RSA-SHA256')
      .update(signed)
      .sign(key ?? this.keys.privateKey);
    return `${signed}.${signature.toString('base64url')}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
