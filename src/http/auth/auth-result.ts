/** Who called, as far as a verified bearer token (or the local static key) says. */
export interface Principal {
  /** Entra object id (`oid`) of the user or service principal; `sub` when there is none. */
  readonly id: string;
  readonly name?: string;
  readonly roles: readonly string[];
  /** The calling application (`azp` or `appid`), when the token names one. */
  readonly appId?: string;
  readonly via: 'jwt' | 'static-key';
}

export type AuthFailure =
  /** No usable credentials: answered 401 with a WWW-Authenticate challenge. */
  | { readonly ok: false; readonly status: 401; readonly error?: 'invalid_token'; readonly reason: string }
  /** Authenticated but without the required app role. */
  | {
      readonly ok: false;
      readonly status: 403;
      readonly error: 'insufficient_scope';
      readonly reason: string;
    }
  /** The signing keys could not be fetched: our problem, the caller may retry. */
  | { readonly ok: false; readonly status: 503; readonly reason: string };

export type AuthResult = { readonly ok: true; readonly principal: Principal } | AuthFailure;
