import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as client from 'openid-client';
import type { OidcSettings } from '../../config.js';

// The service as an OpenID Connect relying party: authorization code flow with PKCE,
// state and nonce (openid-client), and the ID token's signature checked against the
// identity provider's published keys (jose), which openid-client by itself leaves to TLS.

/** The identity provider cannot be reached (or its discovery document is unusable): nobody can sign in with it right now. */
export class IdentityProviderUnavailableError extends Error {
  override name = 'IdentityProviderUnavailableError';
}

/** The identity provider's answer did not hold up: a bad token, a refused code, a claim that does not match. */
export class SignInRejectedError extends Error {
  override name = 'SignInRejectedError';
}

/** What is asked for: the user's identifier, their email and whether the provider verified it, their name. */
const SCOPE = 'openid email profile';

/** Asymmetric algorithms only: never `none`, never a MAC keyed with the client secret. */
const ID_TOKEN_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

/** A discovery document is read again after this long; until then, and while the provider is away, the last one serves. */
const DISCOVERY_MAX_AGE_MS = 60 * 60 * 1000;

/** How long one request to the identity provider may take. */
const REQUEST_TIMEOUT_SECONDS = 10;

/** What one browser's sign-in must match when the provider sends it back. */
export interface AuthorizationChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface VerifiedIdentity {
  subject: string;
  email: string | null;
  emailVerified: boolean;
}

interface Discovered {
  configuration: client.Configuration;
  keys: ReturnType<typeof createRemoteJWKSet>;
  at: number;
}

/** New random values for a sign-in: state and nonce, and the PKCE verifier. */
export function newAuthorizationChecks(): AuthorizationChecks {
  return { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
}

/**
 * One identity provider, discovered on first use and kept: the sign-in page never waits
 * for it, and a provider that is briefly away costs only the sign-ins begun meanwhile.
 */
export class IdentityProvider {
  private discovered: Discovered | undefined;
  private discovering: Promise<Discovered> | undefined;

  constructor(
    readonly settings: OidcSettings,
    private readonly now: () => number = Date.now,
  ) {}

  /** The address to send the browser to, carrying the checks' state, nonce and PKCE challenge. */
  async authorizationUrl(checks: AuthorizationChecks): Promise<URL> {
    const { configuration } = await this.discovery();
    return client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.settings.redirectUri,
      scope: SCOPE,
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  /**
   * Redeems the code of the provider's answer (`callbackUrl`) and checks everything:
   * state, the token's issuer, audience, lifetime, nonce, algorithm and signature. The
   * email comes from the ID token, or from the userinfo endpoint when the provider keeps
   * it there.
   */
  async verify(callbackUrl: URL, checks: AuthorizationChecks): Promise<VerifiedIdentity> {
    const { configuration, keys } = await this.discovery();
    let tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;
    try {
      tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      throw classified(error);
    }
    const idToken = tokens.id_token;
    if (idToken === undefined) throw new SignInRejectedError('no ID token');
    try {
      await jwtVerify(idToken, keys, {
        issuer: configuration.serverMetadata().issuer,
        audience: this.settings.clientId,
        algorithms: ID_TOKEN_ALGORITHMS,
        // As openid-client allows: the provider's clock and ours need not agree to the second.
        clockTolerance: 30,
      });
    } catch (error) {
      throw classified(error);
    }
    const claims = tokens.claims();
    if (!claims) throw new SignInRejectedError('no ID token claims');
    let source: Record<string, unknown> = claims;
    if (typeof claims.email !== 'string') {
      try {
        source = await client.fetchUserInfo(configuration, tokens.access_token, claims.sub);
      } catch (error) {
        throw classified(error);
      }
    }
    return { subject: claims.sub, email: typeof source.email === 'string' ? source.email : null, emailVerified: isVerified(source, claims) };
  }

  private async discovery(): Promise<Discovered> {
    const current = this.discovered;
    if (current && this.now() - current.at < DISCOVERY_MAX_AGE_MS) return current;
    this.discovering ??= this.discover().finally(() => (this.discovering = undefined));
    try {
      this.discovered = await this.discovering;
      return this.discovered;
    } catch (error) {
      // A provider that is away while an old document is at hand: keep using that one.
      if (current) return current;
      throw error;
    }
  }

  private async discover(): Promise<Discovered> {
    const issuer = new URL(this.settings.issuer);
    let configuration: client.Configuration;
    try {
      configuration = await client.discovery(issuer, this.settings.clientId, undefined, client.ClientSecretBasic(this.settings.clientSecret), {
        timeout: REQUEST_TIMEOUT_SECONDS,
        // Plain http is allowed by the configuration only on loopback (development and tests).
        execute: issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [],
      });
    } catch (error) {
      throw new IdentityProviderUnavailableError(`discovery of ${issuer.href} failed: ${messageOf(error)}`, { cause: error });
    }
    const jwksUri = configuration.serverMetadata().jwks_uri;
    if (jwksUri === undefined) throw new IdentityProviderUnavailableError('the discovery document names no jwks_uri');
    return {
      configuration,
      // A token signed with a key not seen before makes the key set be read again at
      // once (no cool-down): tokens come only from the provider's own token endpoint,
      // so this is how a rotation at the provider is followed, not a way to flood it.
      keys: createRemoteJWKSet(new URL(jwksUri), { cooldownDuration: 0, timeoutDuration: REQUEST_TIMEOUT_SECONDS * 1000 }),
      at: this.now(),
    };
  }
}

/** The error's message and those of its causes (openid-client's own are general; the cause says which check failed), for the log. */
function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // Only the messages: a cause that is not an error holds the token's claims, personal data.
  const messages: string[] = [];
  for (let e: unknown = error; e instanceof Error && messages.length < 4; e = e.cause) messages.push(e.message);
  return messages.join(': ');
}

const isTrue = (value: unknown) => value === true || value === 'true';

/**
 * Whether the provider vouches for the email. `email_verified` says so (some providers
 * send it as a string); Entra ID sends no `email_verified` for work accounts but, when the
 * app registration asks for it, `xms_edov`: the email's domain is verified by the tenant
 * the issuer names, which for a municipality's own tenant is the same promise.
 */
function isVerified(source: Record<string, unknown>, idTokenClaims: Record<string, unknown>): boolean {
  if (source.email_verified !== undefined) return isTrue(source.email_verified);
  return isTrue(idTokenClaims.xms_edov);
}

/** Whether a failure is the network's or the provider's own (away, slow, answering 5xx) rather than a refusal. */
function isUnreachable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; depth < 5; e = e instanceof Error ? e.cause : undefined, depth++) {
    // openid-client gives the provider's unexpected answer as the cause, or its status on the error.
    if (e instanceof Response) return e.status >= 500;
    if (!(e instanceof Error)) return false;
    if ('status' in e && typeof e.status === 'number' && e.status >= 500) return true;
    if (e.name === 'AbortError' || e.name === 'TimeoutError' || e.name === 'JWKSTimeout') return true;
    if (e instanceof TypeError && /fetch failed/i.test(e.message)) return true;
    if ('code' in e && typeof e.code === 'string' && /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|UND_ERR_)/.test(e.code)) return true;
  }
  return false;
}

function classified(error: unknown): Error {
  if (isUnreachable(error)) return new IdentityProviderUnavailableError(messageOf(error), { cause: error });
  return new SignInRejectedError(messageOf(error), { cause: error });
}
