import { userStatuses, type User, type UserStatus } from '../../api.schema.ts';
import type { OwnerRef } from '../../routes/accounts/account.service.ts';
import { formatVietnamDate } from '../format.ts';
import { CsrfField, Layout, type PageContext } from '../layout.tsx';
import { PortalStyle } from '../registry/registry.style.tsx';

export function AccountsListPage({ page, accounts, status }: { page: PageContext; accounts: User[]; status: UserStatus | undefined }) {
  const { t } = page;
  const a = t.registry.account;
  return (
    <Layout page={page} title={a.approvalsTitle}>
      <PortalStyle />
      <h1>{a.approvalsTitle}</h1>
      <nav class="filters">
        <a href="/accounts?status=pending" class={status === 'pending' ? 'active' : ''}>{a.statusLabel.pending}</a>
        {userStatuses.filter((s) => s !== 'pending').map((s) => <a href={`/accounts?status=${s}`} class={status === s ? 'active' : ''}>{a.statusLabel[s]}</a>)}
        <a href="/accounts?status=all" class={status ? '' : 'active'}>{t.registry.common.all}</a>
      </nav>
      {accounts.length === 0 ? (
        <div class="card muted">{a.pendingNone}</div>
      ) : (
        <table class="list">
          <thead>
            <tr><th>{a.applicant}</th><th>{a.claimedOwner}</th><th>{a.partyKind}</th><th>{a.registeredAt}</th><th>{t.registry.common.status}</th></tr>
          </thead>
          <tbody>
            {accounts.map((u) => (
              <tr data-account-id={String(u.id)}>
                <td><a href={`/accounts/${u.id}`}>{u.name}</a><div class="muted small">{u.email}</div></td>
                <td>{u.claimedOwner ?? '—'}</td>
                <td>{u.partyKind === 'organisation' ? a.organisation : a.person}{u.organisation ? <div class="muted small">{u.organisation}</div> : null}</td>
                <td class="small">{formatVietnamDate(u.createdAt)}</td>
                <td><span class={`badge ${u.status}`}>{a.statusLabel[u.status]}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

export interface AccountDetailProps {
  page: PageContext;
  account: User;
  owners: OwnerRef[];
  suggestions: OwnerRef[];
  linkedOwner: OwnerRef | undefined;
  message?: string | undefined;
  error?: string | undefined;
}

export function AccountDetailPage({ page, account, owners, suggestions, linkedOwner, message, error }: AccountDetailProps) {
  const { t } = page;
  const a = t.registry.account;
  const row = (label: string, value: string | null | undefined) => (
    <>
      <dt>{label}</dt>
      <dd>{value || '—'}</dd>
    </>
  );
  return (
    <Layout page={page} title={`${a.applicant}: ${account.name}`}>
      <PortalStyle />
      <p><a href="/accounts?status=pending">{t.registry.common.back}</a></p>
      <h1>{account.name} <span class={`badge ${account.status}`}>{a.statusLabel[account.status]}</span></h1>
      {message ? <div class="notice" role="status">{message}</div> : null}
      {error ? <div class="alert" role="alert">{error}</div> : null}
      <div class="cols">
        <section class="card">
          <dl class="meta">
            {row(a.email, account.email)}
            {row(a.partyKind, account.partyKind === 'organisation' ? a.organisation : a.person)}
            {row(a.organisationName, account.organisation)}
            {row(a.claimedOwner, account.claimedOwner)}
            {row(a.phone, account.phone)}
            {row(a.address, account.address)}
            {row(a.note, account.registrationNote)}
            {row(a.registeredAt, formatVietnamDate(account.createdAt))}
            {linkedOwner ? row(t.registry.common.owner, linkedOwner.name) : null}
            {account.decisionNote ? row(a.decisionNote, account.decisionNote) : null}
          </dl>
        </section>
        {account.status === 'pending' ? (
          <section class="card">
            <h2>{a.linkOwner}</h2>
            {suggestions.length ? (
              <p class="small"><span class="muted">{a.suggestions}:</span> {suggestions.map((o) => o.name).join('; ')}</p>
            ) : null}
            <form class="stack" method="post" action={`/accounts/${account.id}/approve`}>
              <CsrfField token={page.csrfToken} />
              <label for="ownerId">{a.existingOwner}</label>
              <select id="ownerId" name="ownerId">
                <option value="">{a.chooseOwner}</option>
                {suggestions.map((o) => <option value={String(o.id)}>{`★ ${o.name}`}</option>)}
                {owners.filter((o) => !suggestions.some((s) => s.id === o.id)).map((o) => <option value={String(o.id)}>{o.name}</option>)}
              </select>
              <label for="newOwnerName">{a.newOwner}</label>
              <input id="newOwnerName" name="newOwnerName" type="text" maxlength={300} value={suggestions.length ? '' : account.claimedOwner ?? ''} />
              <label for="approve-note">{a.decisionNote}</label>
              <textarea id="approve-note" name="note" maxlength={2000}></textarea>
              <button class="btn primary" type="submit">{a.approve}</button>
            </form>
            <form class="stack" method="post" action={`/accounts/${account.id}/reject`}>
              <CsrfField token={page.csrfToken} />
              <label for="reject-note">{a.decisionNote}</label>
              <textarea id="reject-note" name="note" maxlength={2000}></textarea>
              <button class="btn danger" type="submit">{a.reject}</button>
            </form>
          </section>
        ) : null}
      </div>
    </Layout>
  );
}
