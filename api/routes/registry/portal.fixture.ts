import { login, ORIGIN, type ApiFixture } from '../../test/api.fixture.ts';

export type Who = 'officer' | 'inspector' | 'holderA' | 'holderB' | 'anonymous';

/** Signed-in clients of every role for app.request(): JSON, multipart with the session's CSRF token, forms. */
export class PortalClients {
  private readonly cookies: Partial<Record<Who, string>> = {};
  private readonly csrf: Partial<Record<Who, string>> = {};

  constructor(private readonly f: ApiFixture) {}

  async signIn(): Promise<this> {
    const users = { officer: this.f.seeded.officer, inspector: this.f.seeded.inspector, holderA: this.f.seeded.holderA, holderB: this.f.seeded.holderB };
    for (const [who, user] of Object.entries(users) as [Who, { email: string }][]) {
      const cookie = (await login(this.f.app, user.email)).cookie!;
      this.cookies[who] = cookie;
      const me = await (await this.f.app.request('/api/v1/me', { headers: { cookie } })).json();
      this.csrf[who] = me.csrfToken;
    }
    return this;
  }

  headers(who: Who, extra: Record<string, string> = {}): Record<string, string> {
    return { ...(who === 'anonymous' ? {} : { cookie: this.cookies[who]! }), ...extra };
  }

  token(who: Who): string {
    return this.csrf[who] ?? '';
  }

  get(path: string, who: Who): Promise<Response> {
    return Promise.resolve(this.f.app.request(path, { headers: this.headers(who) }));
  }

  json(method: string, path: string, who: Who, body: unknown): Promise<Response> {
    return Promise.resolve(
      this.f.app.request(path, { method, headers: this.headers(who, { 'content-type': 'application/json' }), body: typeof body === 'string' ? body : JSON.stringify(body) }),
    );
  }

  /** A multipart POST as a browser or script would send it: same origin, the CSRF field included. */
  multipart(path: string, who: Who, fields: Record<string, string | Blob | { name: string; bytes: Uint8Array; type?: string }>, method = 'POST'): Promise<Response> {
    const form = new FormData();
    if (who !== 'anonymous') form.set('_csrf', this.token(who));
    for (const [key, value] of Object.entries(fields)) {
      if (typeof value === 'string' || value instanceof Blob) form.set(key, value);
      else form.set(key, new File([new Uint8Array(value.bytes)], value.name, { type: value.type ?? 'application/octet-stream' }));
    }
    return Promise.resolve(this.f.app.request(path, { method, headers: this.headers(who, { origin: ORIGIN }), body: form }));
  }

  /** An HTML form POST (urlencoded) with the CSRF field. */
  form(path: string, who: Who, fields: Record<string, string>): Promise<Response> {
    const body = new URLSearchParams({ ...(who === 'anonymous' ? {} : { _csrf: this.token(who) }), ...fields });
    return Promise.resolve(this.f.app.request(path, { method: 'POST', headers: this.headers(who, { origin: ORIGIN }), body }));
  }

  delete(path: string, who: Who): Promise<Response> {
    // Without a content type hono's csrf() treats a body-less request like a text/plain form: same origin.
    return Promise.resolve(this.f.app.request(path, { method: 'DELETE', headers: this.headers(who, { origin: ORIGIN }) }));
  }
}
