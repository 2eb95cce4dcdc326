import { fill } from '../services/finding.explain.ts';
import { reviewCss, StatusBadge } from '../pages/findings-list.page.tsx';
import { formatScore } from '../pages/format.ts';
import { Layout, type PageContext } from '../pages/layout.tsx';
import type { SellerProfile } from './seller.service.ts';

function List({ label, items }: { label: string; items: string[] }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{items.length ? items.join(' · ') : '—'}</dd>
    </>
  );
}

/** A repeat offender: every listing linked to one seller, why each is linked, its findings and cases. */
export function SellerPage({ page, profile }: { page: PageContext; profile: SellerProfile }) {
  const { t } = page;
  const s = t.review.sellers;
  const title = `${s.title}: ${profile.names[0] ?? profile.shops[0] ?? `#${profile.startListingId}`}`;
  return (
    <Layout page={page} title={title}>
      <style dangerouslySetInnerHTML={{ __html: reviewCss }} />
      <h1>{title}</h1>
      <section class="card">
        <dl class="meta">
          <List label={s.names} items={profile.names} />
          <List label={s.shops} items={profile.shops} />
          <List label={s.phones} items={profile.phones} />
          <List label={s.banks} items={profile.banks} />
          <List label={s.platforms} items={profile.platforms} />
        </dl>
      </section>
      <h2>{`${s.listings} (${profile.listings.length})`}</h2>
      <table class="list" id="seller-listings">
        <thead>
          <tr><th>{t.findings.listing}</th><th>{t.findings.platform}</th><th>{s.linkedBy}</th><th>{s.findings}</th></tr>
        </thead>
        <tbody>
          {profile.listings.map(({ listing, via, findings }) => (
            <tr data-listing-id={String(listing.id)}>
              <td>
                <a href={listing.url} rel="noopener noreferrer nofollow" target="_blank">{listing.title}</a>
                {listing.sellerName ? <div class="muted small">{listing.sellerName}</div> : null}
              </td>
              <td>{listing.platform}</td>
              <td class="small">{via ? `${s.kinds[via.kind] ?? via.kind}: ${via.value} (#${via.from})` : s.start}</td>
              <td>
                {findings.map((f) => (
                  <div class="small">
                    <a href={`/findings/${f.id}`}>{`#${f.id} ${f.subject}`}</a>{' '}
                    <StatusBadge status={f.status} label={t.status[f.status]} /> {formatScore(f.score)}
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {page.user?.role !== 'rights_holder' ? (
        <section class="card" style="margin-top:1rem">
          <h2>{s.cases}</h2>
          {profile.cases.length ? (
            <ul id="seller-cases">
              {profile.cases.map((k) => (
                <li><a href={`/cases/${k.id}`}>{`#${k.id} ${k.title}`}</a>{` — ${k.status} · ${fill('{n}', { n: k.findingIds.length })} ${s.findings.toLowerCase()}`}</li>
              ))}
            </ul>
          ) : (
            <p class="muted small">{s.noCases}</p>
          )}
        </section>
      ) : null}
    </Layout>
  );
}
