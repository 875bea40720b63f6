// A real OpenID Connect provider (oidc-provider) for the tests, run as a process of its
// own on loopback: `node --import tsx tests/support/identity-provider.ts`. It has its own
// signing keys and one client. There is no login form: whoever the test named last (POST
// /test/login-as) is signed in and consents at once. A few more test-only routes change
// how it behaves, as a misconfigured or hostile provider would:
//
//   POST /test/login-as    {"email", "emailVerified"?, "name"?}   who signs in next;
//                          {"email", "entra": true, "xmsEdov"}  as Entra ID does it: the email in the
//                          ID token, no email_verified, the domain's verification in xms_edov
//   POST /test/tamper      {"mode"}   rewrite the ID token the token endpoint returns:
//                          none | wrong-audience | wrong-issuer | expired | bad-signature | alg-none
//   POST /test/rotate-keys            sign with a new key (new kid); the old one is withdrawn
//   POST /test/down        {"down"}   answer 503 to everything but /test/*
//   POST /test/redirect-uris {"uris"} the client's redirect URIs (for a service whose port is known only once it runs)
//
// Environment: IDP_PORT, IDP_CLIENT_ID, IDP_CLIENT_SECRET, IDP_REDIRECT_URIS (comma-separated).
import http from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';

const port = Number(process.env.IDP_PORT);
const issuer = `http://127.0.0.1:${port}`;
const clientId = process.env.IDP_CLIENT_ID ?? 'one-entry';
const clientSecret = process.env.IDP_CLIENT_SECRET ?? 'test-secret';
let redirectUris = (process.env.IDP_REDIRECT_URIS ?? '').split(',').filter(Boolean);

type TamperMode = 'none' | 'wrong-audience' | 'wrong-issuer' | 'expired' | 'bad-signature' | 'alg-none';

interface Account {
  email: string;
  emailVerified: boolean;
  name: string;
  /** Entra ID's way: no email_verified; xms_edov instead. */
  xmsEdov?: boolean;
}

const accounts = new Map<string, Account>();
let nextAccountId: string | undefined;
let tamper: TamperMode = 'none';
let down = false;
let entraLike = false;
let signingKey: JWK;

async function newSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'RS256', use: 'sig' };
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The ID token as the chosen kind of broken provider would have sent it. */
async function tampered(idToken: string): Promise<string> {
  const header = decodeProtectedHeader(idToken);
  const claims = decodeJwt(idToken);
  const now = Math.floor(Date.now() / 1000);
  const sign = async (payload: Record<string, unknown>, key: JWK) =>
    new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: header.kid, typ: 'JWT' }).sign(await importJWK(key, 'RS256'));
  switch (tamper) {
    case 'wrong-audience':
      return sign({ ...claims, aud: 'some-other-client' }, signingKey);
    case 'wrong-issuer':
      return sign({ ...claims, iss: 'http://127.0.0.1:1/another-provider' }, signingKey);
    case 'expired':
      return sign({ ...claims, iat: now - 7200, exp: now - 3600 }, signingKey);
    case 'bad-signature':
      // Right kid, wrong key: what a forger without the provider's key can make.
      return sign(claims, await newSigningKey());
    case 'alg-none':
      return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
    default:
      return idToken;
  }
}

function configuration(): Configuration {
  return {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified', 'xms_edov'], profile: ['name'] },
    // Entra-like accounts get their claims in the ID token; the others at the userinfo endpoint only.
    conformIdTokenClaims: !entraLike,
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, sub) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        async claims() {
          if (account.xmsEdov !== undefined) return { sub, email: account.email, xms_edov: account.xmsEdov, name: account.name };
          return { sub, email: account.email, email_verified: account.emailVerified, name: account.name };
        },
      };
    },
    // First-party client: consent is given at once, for what it asked.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { oidc } = ctx;
      if (!oidc.client || !oidc.session?.accountId) return undefined;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId);
      if (grantId) {
        const existing = await oidc.provider.Grant.find(grantId);
        if (existing) return existing;
      }
      const grant = new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId: oidc.session.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  };
}

let provider: Provider;
let handler: ReturnType<Provider['callback']>;

function build(): void {
  provider = new Provider(issuer, configuration());
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: unknown } | undefined;
    if (ctx.oidc?.route === 'token' && tamper !== 'none' && body && typeof body.id_token === 'string') {
      ctx.body = { ...body, id_token: await tampered(body.id_token) };
    }
  });
  handler = provider.callback();
}

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

async function control(req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<void> {
  const body = req.method === 'POST' ? await readJson(req) : {};
  switch (path) {
    case '/test/login-as': {
      const email = String(body.email);
      const sub = `sub-${email}`;
      const account: Account = { email, emailVerified: body.emailVerified !== false, name: typeof body.name === 'string' ? body.name : email };
      if (body.entra === true) account.xmsEdov = body.xmsEdov === true;
      accounts.set(sub, account);
      nextAccountId = sub;
      if (entraLike !== (body.entra === true)) {
        entraLike = body.entra === true;
        build();
      }
      break;
    }
    case '/test/tamper':
      tamper = body.mode as TamperMode;
      break;
    case '/test/rotate-keys':
      signingKey = await newSigningKey();
      build();
      break;
    case '/test/redirect-uris':
      redirectUris = (body.uris as string[]).map(String);
      build();
      break;
    case '/test/down':
      down = body.down === true;
      break;
    case '/test/health':
      break;
    default:
      res.writeHead(404).end();
      return;
  }
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ kid: signingKey.kid, tamper, down }));
}

/** The interaction every sign-in comes to: the named account logs in, with no form. */
async function interaction(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name === 'login') {
    if (nextAccountId === undefined) {
      res.writeHead(400).end('no account to sign in: POST /test/login-as first');
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: nextAccountId } }, { mergeWithLastSubmission: false });
    return;
  }
  // Consent: loadExistingGrant answers it; anything else is a setup the tests did not foresee.
  await provider.interactionFinished(req, res, { error: 'access_denied', error_description: `unexpected prompt ${details.prompt.name}` }, { mergeWithLastSubmission: false });
}

signingKey = await newSigningKey();
build();

const server = http.createServer((req, res) => {
  const path = new URL(req.url ?? '/', issuer).pathname;
  const fail = (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    if (!res.headersSent) res.writeHead(500).end();
  };
  if (path.startsWith('/test/')) {
    control(req, res, path).catch(fail);
    return;
  }
  if (down) {
    res.writeHead(503).end('down for the test');
    return;
  }
  if (path.startsWith('/interaction/')) {
    interaction(req, res).catch(fail);
    return;
  }
  void handler(req, res);
});

server.listen(port, '127.0.0.1', () => process.stdout.write(`identity provider ready at ${issuer}\n`));
// Nothing to keep: a stopped provider forgets its sessions, as the tests expect.
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => process.exit(0));
