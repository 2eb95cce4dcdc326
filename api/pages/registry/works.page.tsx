import { workStatuses, workTypes } from '../../../fingerprints/fingerprints.schema.ts';
import type { Page, PartySummary, WorkDetail } from '../../../fingerprints/registry/registry.types.ts';
import { formatVietnamDate } from '../format.ts';
import { CsrfField, Layout, type PageContext } from '../layout.tsx';
import { formatBytes, formatRelatedRights, type FormFields } from './registry.form.ts';
import { AssetList, FormAlert, Notice, Pager, Progress } from './registry.parts.tsx';
import { PortalStyle } from './registry.style.tsx';

export interface WorkFilters {
  q?: string | undefined;
  type?: string | undefined;
  status?: string | undefined;
  certificateNo?: string | undefined;
  ownerId?: string | undefined;
}

const canWrite = (page: PageContext) => page.user?.role === 'officer' || page.user?.role === 'rights_holder';

export function WorksListPage({ page, result, filters, offset, limit, owners }: { page: PageContext; result: Page<WorkDetail>; filters: WorkFilters; offset: number; limit: number; owners: PartySummary[] }) {
  const { t } = page;
  const w = t.registry.works;
  return (
    <Layout page={page} title={w.title}>
      <PortalStyle />
      <div class="actions">
        <h1 style="flex:1;margin:0">{w.title}</h1>
        {canWrite(page) ? <a class="btn primary" href="/registry/works/new">{w.new}</a> : null}
      </div>
      <form class="search" method="get" action="/registry">
        <label>{w.searchLabel}<input type="search" name="q" value={filters.q ?? ''} maxlength={200} /></label>
        <label>{w.type}
          <select name="type">
            <option value="">{t.registry.common.all}</option>
            {workTypes.map((ty) => <option value={ty} selected={filters.type === ty}>{t.workTypes[ty]}</option>)}
          </select>
        </label>
        <label>{t.registry.common.status}
          <select name="status">
            <option value="">{t.registry.common.all}</option>
            {workStatuses.map((s) => <option value={s} selected={filters.status === s}>{t.registry.workStatus[s]}</option>)}
          </select>
        </label>
        <label>{w.certificate}<input type="text" name="certificateNo" value={filters.certificateNo ?? ''} maxlength={64} /></label>
        {owners.length > 1 ? (
          <label>{w.owner}
            <select name="ownerId">
              <option value="">{t.registry.common.all}</option>
              {owners.map((o) => <option value={String(o.id)} selected={filters.ownerId === String(o.id)}>{o.name}</option>)}
            </select>
          </label>
        ) : null}
        <button class="btn plain" type="submit">{t.registry.common.search}</button>
      </form>
      {result.rows.length === 0 ? (
        <div class="card muted">{w.none}</div>
      ) : (
        <table class="list">
          <thead>
            <tr><th>{w.fieldTitle}</th><th>{w.type}</th><th>{w.owner}</th><th>{w.certificate}</th><th>{t.registry.common.status}</th><th>{t.registry.fingerprint.title}</th></tr>
          </thead>
          <tbody>
            {result.rows.map((work) => (
              <tr data-work-id={String(work.id)}>
                <td><a href={`/registry/works/${work.id}`}>{work.title}</a>{work.authors.length ? <div class="muted small">{work.authors.join('; ')}</div> : null}</td>
                <td class="small">{t.workTypes[work.type] ?? work.type}</td>
                <td class="small">{work.owners.map((o) => o.name).join('; ')}</td>
                <td class="small">{work.certificateNo ?? '—'}{work.certificateDate ? <div class="muted">{work.certificateDate}</div> : null}</td>
                <td><span class={`badge ${work.status}`}>{t.registry.workStatus[work.status]}</span></td>
                <td class="small">{work.fingerprint.state === 'none' ? '—' : t.registry.fingerprint[work.fingerprint.state === 'ready' ? 'done' : work.fingerprint.state] ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={page} base="/registry" filters={{ ...filters }} offset={offset} limit={limit} total={result.total} />
    </Layout>
  );
}

export function WorkFormPage({ page, work, values, error, status = 'active' }: { page: PageContext; work?: WorkDetail | undefined; values: FormFields; error?: string | undefined; status?: string }) {
  const { t } = page;
  const w = t.registry.works;
  const officer = page.user?.role === 'officer';
  const title = work ? `${w.editTitle}: ${work.title}` : w.new;
  const field = (name: string, label: string, attrs: Record<string, string | number | boolean> = {}) => (
    <>
      <label for={name}>{label}</label>
      <input id={name} name={name} type="text" value={values[name] ?? ''} {...attrs} />
    </>
  );
  const area = (name: string, label: string, rows = 3) => (
    <>
      <label for={name}>{label}</label>
      <textarea id={name} name={name} rows={rows}>{values[name] ?? ''}</textarea>
    </>
  );
  return (
    <Layout page={page} title={title}>
      <PortalStyle />
      <p><a href={work ? `/registry/works/${work.id}` : '/registry'}>{t.registry.common.back}</a></p>
      <h1>{title}</h1>
      <FormAlert page={page} error={error} />
      <form class="stack card" method="post" action={work ? `/registry/works/${work.id}` : '/registry/works'}>
        <CsrfField token={page.csrfToken} />
        {field('title', `${w.fieldTitle} *`, { required: true, maxlength: 500 })}
        <label for="type">{`${w.fieldType} *`}</label>
        <select id="type" name="type" required>
          {workTypes.map((ty) => <option value={ty} selected={values.type === ty}>{t.workTypes[ty]}</option>)}
        </select>
        {area('authors', w.fieldAuthors)}
        {officer ? area('owners', `${w.fieldOwners}${work ? '' : ' *'}`) : <p class="muted small">{w.ownerFixed}</p>}
        {field('certificateNo', w.fieldCertificateNo, { maxlength: 64, placeholder: '3794/2026/QTG' })}
        {field('certificateDate', w.fieldCertificateDate, { type: 'date' })}
        {field('publishedOn', w.fieldPublishedOn, { type: 'date' })}
        {field('publishedPlace', w.fieldPublishedPlace, { maxlength: 300 })}
        {area('description', w.fieldDescription)}
        {area('text', w.fieldText, 6)}
        {area('relatedRights', w.fieldRelatedRights, 2)}
        <label for="status">{w.fieldStatus}</label>
        <select id="status" name="status">
          {workStatuses.map((s) => <option value={s} selected={(values.status ?? status) === s}>{t.registry.workStatus[s]}</option>)}
        </select>
        <button class="btn primary" type="submit">{work ? t.registry.common.save : t.registry.common.create}</button>
      </form>
    </Layout>
  );
}

export function workValues(work: WorkDetail): FormFields {
  return {
    title: work.title,
    type: work.type,
    authors: work.authors.join('\n'),
    owners: work.owners.map((o) => o.name).join('\n'),
    certificateNo: work.certificateNo ?? '',
    certificateDate: work.certificateDate ?? '',
    publishedOn: work.publishedOn ?? '',
    publishedPlace: work.publishedPlace ?? '',
    description: work.description ?? '',
    text: work.text ?? '',
    relatedRights: formatRelatedRights(work.relatedRights),
    status: work.status,
  };
}

export function WorkDetailPage({ page, work, message, error, maxImageBytes }: { page: PageContext; work: WorkDetail; message?: string | undefined; error?: string | undefined; maxImageBytes: number }) {
  const { t } = page;
  const w = t.registry.works;
  const writable = canWrite(page);
  const row = (label: string, value: string | null | undefined) => (value ? <><dt>{label}</dt><dd>{value}</dd></> : null);
  return (
    <Layout page={page} title={work.title}>
      <PortalStyle />
      <p><a href="/registry">{t.registry.common.back}</a></p>
      <div class="actions">
        <h1 style="margin:0">{work.title} <span class={`badge ${work.status}`}>{t.registry.workStatus[work.status]}</span></h1>
        {writable ? <a class="btn plain" href={`/registry/works/${work.id}/edit`}>{t.registry.common.edit}</a> : null}
      </div>
      <Notice message={message} />
      <FormAlert page={page} error={error} />
      <div class="cols">
        <section class="card">
          <h2>{w.detail}</h2>
          <dl class="meta">
            {row(w.type, t.workTypes[work.type])}
            {row(t.finding.authors, work.authors.join('; '))}
            {row(w.owner, work.owners.map((o) => o.name).join('; '))}
            {row(w.certificate, work.certificateNo)}
            {row(w.fieldCertificateDate, work.certificateDate)}
            {row(w.fieldPublishedOn, work.publishedOn)}
            {row(w.fieldPublishedPlace, work.publishedPlace)}
            {row(w.fieldDescription, work.description)}
            {work.relatedRights.length ? row(w.fieldRelatedRights.split(' (')[0]!, work.relatedRights.map((r) => `${r.kind}: ${r.holder}`).join('; ')) : null}
            {row(w.createdAt, formatVietnamDate(work.createdAt))}
          </dl>
          {work.text ? <div class="quote small">{work.text.slice(0, 1000)}</div> : null}
        </section>
        <section class="card">
          <h2>{t.registry.fingerprint.title}</h2>
          <Progress page={page} progress={work.fingerprint} />
          {writable ? (
            <form class="inline" method="post" action={`/registry/works/${work.id}/status`} style="margin-top:1rem">
              <CsrfField token={page.csrfToken} />
              <select name="status" aria-label={w.changeStatus}>
                {workStatuses.map((s) => <option value={s} selected={work.status === s}>{t.registry.workStatus[s]}</option>)}
              </select>
              <button class="btn plain" type="submit">{w.changeStatus}</button>
            </form>
          ) : null}
          <p class="small"><a href={`/findings`}>{w.findings} →</a></p>
        </section>
      </div>
      <section class="card">
        <h2>{w.assets}</h2>
        <AssetList page={page} assets={work.assets} deleteBase={`/registry/works/${work.id}/assets`} canWrite={writable} />
        {writable ? (
          <div class="cols" style="margin-top:1rem">
            <form class="stack" method="post" action={`/registry/works/${work.id}/assets`} enctype="multipart/form-data">
              <CsrfField token={page.csrfToken} />
              <label for="file">{w.addImage}</label>
              <input id="file" name="file" type="file" accept="image/jpeg,image/png,image/webp,image/gif,application/pdf" required />
              <span class="muted small">{w.addImageHint.replace('{max}', formatBytes(maxImageBytes))}</span>
              <button class="btn primary" type="submit">{w.upload}</button>
            </form>
            <form class="stack" method="post" action={`/registry/works/${work.id}/assets`} enctype="multipart/form-data">
              <CsrfField token={page.csrfToken} />
              <input type="hidden" name="kind" value="text" />
              <label for="asset-text">{w.addText}</label>
              <textarea id="asset-text" name="text" rows={4} required></textarea>
              <button class="btn plain" type="submit">{w.upload}</button>
            </form>
          </div>
        ) : null}
      </section>
    </Layout>
  );
}
