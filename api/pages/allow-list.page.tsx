import { allowRuleKinds, type AllowRule } from '../../matcher/matcher.schema.ts';
import { fill } from '../services/finding.explain.ts';
import { reviewCss } from './findings-list.page.tsx';
import { formatVietnamTime } from './format.ts';
import { CsrfField, Layout, type PageContext } from './layout.tsx';

/** Suppression rules per work or mark; officers add and remove them here or from a finding's page. */
export function AllowListPage({ page, rules }: { page: PageContext; rules: AllowRule[] }) {
  const r = page.t.review;
  const officer = page.user?.role === 'officer';
  return (
    <Layout page={page} title={r.allowList}>
      <style dangerouslySetInnerHTML={{ __html: reviewCss }} />
      <h1>{r.allowList}</h1>
      <p class="small muted">{r.allowHelp}</p>
      {officer ? (
        <section class="card">
          <form class="queue-filters" method="post" action="/allow-list" id="allow-form">
            <CsrfField token={page.csrfToken} />
            <label>
              {r.ruleSubject}
              <select name="subjectType">
                <option value="work">{fill(r.subjectWork, { id: '' })}</option>
                <option value="mark">{fill(r.subjectMark, { id: '' })}</option>
              </select>
            </label>
            <label>
              #
              <input type="number" name="subjectId" min="1" required />
            </label>
            <label>
              {r.ruleKind}
              <select name="kind">
                {allowRuleKinds.map((k) => <option value={k}>{r.ruleKinds[k]}</option>)}
              </select>
            </label>
            <label>
              {r.ruleValue}
              <input type="text" name="value" required maxlength={2000} />
            </label>
            <label>
              {r.ruleNote}
              <input type="text" name="note" maxlength={2000} />
            </label>
            <div class="go"><button class="btn primary" type="submit">{r.addRule}</button></div>
          </form>
        </section>
      ) : null}
      {rules.length === 0 ? (
        <div class="card muted">{r.noRules}</div>
      ) : (
        <table class="list" id="rules">
          <thead>
            <tr><th>{r.ruleSubject}</th><th>{r.ruleValue}</th><th>{r.ruleNote}</th><th>{page.t.findings.date}</th>{officer ? <th /> : null}</tr>
          </thead>
          <tbody>
            {rules.map((rule) => (
              <tr data-rule-id={String(rule.id)}>
                <td>
                  {rule.workId !== null ? <a href={`/findings?work=${rule.workId}`}>{fill(r.subjectWork, { id: rule.workId })}</a> : <a href={`/findings?mark=${rule.markId}`}>{fill(r.subjectMark, { id: rule.markId! })}</a>}
                </td>
                <td><span class="muted small">{`${r.ruleKinds[rule.kind]}: `}</span>{rule.value}</td>
                <td class="small">{rule.note ?? '—'}</td>
                <td class="small">{formatVietnamTime(rule.createdAt)}</td>
                {officer ? (
                  <td>
                    <form method="post" action={`/allow-list/${rule.id}/delete`}>
                      <CsrfField token={page.csrfToken} />
                      <button class="btn plain" type="submit">{r.removeRule}</button>
                    </form>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
