import type { Problem } from '../problem/problem.handler.ts';
import { Layout, type PageContext } from './layout.tsx';

export function ErrorPage({ page, problem }: { page: PageContext; problem: Problem }) {
  const { t } = page;
  const message =
    problem.status === 404 ? t.errors.notFound
    : problem.status === 403 ? t.errors.forbidden
    : problem.status === 429 ? t.login.rateLimited
    : problem.status >= 500 ? t.errors.generic
    : problem.detail;
  return (
    <Layout page={page} title={`${t.errors.title} ${problem.status}`}>
      <div class="card login">
        <h1>{`${t.errors.title} ${problem.status}`}</h1>
        <p>{message}</p>
        <p><a href="/findings">{t.errors.back}</a></p>
      </div>
    </Layout>
  );
}
