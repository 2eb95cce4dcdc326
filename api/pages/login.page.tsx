import { Layout, type PageContext } from './layout.tsx';

export function LoginPage({ page, email, next, error }: { page: PageContext; email?: string; next?: string; error?: string }) {
  const { t } = page;
  return (
    <Layout page={page} title={t.login.title}>
      <form class="card login" method="post" action="/login">
        <h1>{t.login.title}</h1>
        {error ? <div class="alert" role="alert">{error}</div> : null}
        <input type="hidden" name="next" value={next ?? '/findings'} />
        <label for="email">{t.login.email}</label>
        <input id="email" name="email" type="email" autocomplete="username" required value={email ?? ''} />
        <label for="password">{t.login.password}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <button class="btn primary" type="submit">{t.login.submit}</button>
        <p class="small"><a href="/register">{t.registry.account.registerLink}</a></p>
      </form>
    </Layout>
  );
}
