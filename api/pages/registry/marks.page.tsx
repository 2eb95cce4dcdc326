import { markForms, markKinds, workStatuses } from '../../../fingerprints/fingerprints.schema.ts';
import type { MarkDetail, Page } from '../../../fingerprints/registry/registry.types.ts';
import { CsrfField, Layout, type PageContext } from '../layout.tsx';
import { formatBytes, type FormFields } from './registry.form.ts';
import { AssetList, FormAlert, Notice, Pager, Progress } from './registry.parts.tsx';
import { PortalStyle } from './registry.style.tsx';

const canWrite = (page: PageContext) => page.user?.role === 'officer' || page.user?.role === 'rights_holder';

export function MarksListPage({ page, result, filters, offset, limit }: { page: PageContext; result: Page<MarkDetail>; filters: Record<string, string | undefined>; offset: number; limit: number }) {
  const { t } = page;
  const m = t.registry.marks;
  return (
    <Layout page={page} title={m.title}>
      <PortalStyle />
      <div class="actions">
        <h1 style="flex:1;margin:0">{m.title}</h1>
        {canWrite(page) ? <a class="btn primary" href="/registry/marks/new">{m.new}</a> : null}
      </div>
      <form class="search" method="get" action="/registry/marks">
        <label>{m.searchLabel}<input type="search" name="q" value={filters.q ?? ''} maxlength={200} /></label>
        <label>{m.fieldKind}
          <select name="kind">
            <option value="">{t.registry.common.all}</option>
            {markKinds.map((k) => <option value={k} selected={filters.kind === k}>{t.registry.markKinds[k]}</option>)}
          </select>
        </label>
        <label>{t.registry.common.status}
          <select name="status">
            <option value="">{t.registry.common.all}</option>
            {workStatuses.map((s) => <option value={s} selected={filters.status === s}>{t.registry.workStatus[s]}</option>)}
          </select>
        </label>
        <label>{m.fieldCertificateNo}<input type="text" name="certificateNo" value={filters.certificateNo ?? ''} maxlength={64} /></label>
        <button class="btn plain" type="submit">{t.registry.common.search}</button>
      </form>
      {result.rows.length === 0 ? (
        <div class="card muted">{m.none}</div>
      ) : (
        <table class="list">
          <thead>
            <tr><th>{m.fieldName}</th><th>{m.fieldKind}</th><th>{m.fieldOwner}</th><th>{m.fieldCertificateNo}</th><th>{m.fieldExpiry}</th><th>{t.registry.common.status}</th></tr>
          </thead>
          <tbody>
            {result.rows.map((mark) => (
              <tr data-mark-id={String(mark.id)}>
                <td><a href={`/registry/marks/${mark.id}`}>{mark.name}</a>{mark.niceClasses.length ? <div class="muted small">{`Nice ${mark.niceClasses.join(', ')}`}</div> : null}</td>
                <td class="small">{t.registry.markKinds[mark.kind]}</td>
                <td class="small">{mark.owner.name}</td>
                <td class="small">{mark.certificateNo ?? '—'}</td>
                <td class="small">{mark.expiresOn ?? '—'}</td>
                <td><span class={`badge ${mark.status}`}>{t.registry.workStatus[mark.status]}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={page} base="/registry/marks" filters={filters} offset={offset} limit={limit} total={result.total} />
    </Layout>
  );
}

export function markValues(mark: MarkDetail): FormFields {
  return {
    name: mark.name,
    kind: mark.kind,
    form: mark.form,
    owner: mark.owner.name,
    certificateNo: mark.certificateNo ?? '',
    filingDate: mark.filingDate ?? '',
    grantDate: mark.grantDate ?? '',
    niceClasses: mark.niceClasses.join(', '),
    goods: mark.goods ?? '',
    description: mark.description ?? '',
    status: mark.status,
  };
}

export function MarkFormPage({ page, mark, values, error }: { page: PageContext; mark?: MarkDetail | undefined; values: FormFields; error?: string | undefined }) {
  const { t } = page;
  const m = t.registry.marks;
  const title = mark ? `${m.editTitle}: ${mark.name}` : m.new;
  const field = (name: string, label: string, attrs: Record<string, string | number | boolean> = {}) => (
    <>
      <label for={name}>{label}</label>
      <input id={name} name={name} type="text" value={values[name] ?? ''} {...attrs} />
    </>
  );
  return (
    <Layout page={page} title={title}>
      <PortalStyle />
      <p><a href={mark ? `/registry/marks/${mark.id}` : '/registry/marks'}>{t.registry.common.back}</a></p>
      <h1>{title}</h1>
      <FormAlert page={page} error={error} />
      <form class="stack card" method="post" action={mark ? `/registry/marks/${mark.id}` : '/registry/marks'}>
        <CsrfField token={page.csrfToken} />
        {field('name', `${m.fieldName} *`, { required: true, maxlength: 300 })}
        <label for="kind">{`${m.fieldKind} *`}</label>
        <select id="kind" name="kind" required>
          {markKinds.map((k) => <option value={k} selected={values.kind === k}>{t.registry.markKinds[k]}</option>)}
        </select>
        <label for="form">{m.image}</label>
        <select id="form" name="form">
          {markForms.map((f) => <option value={f} selected={(values.form ?? 'word') === f}>{f}</option>)}
        </select>
        {page.user?.role === 'officer' ? field('owner', `${m.fieldOwner}${mark ? '' : ' *'}`, { maxlength: 300 }) : <p class="muted small">{t.registry.works.ownerFixed}</p>}
        {field('certificateNo', m.fieldCertificateNo, { maxlength: 64 })}
        {field('filingDate', m.fieldFilingDate, { type: 'date' })}
        {field('grantDate', m.fieldGrantDate, { type: 'date' })}
        {field('niceClasses', m.fieldNiceClasses, { maxlength: 200, placeholder: '30, 35' })}
        <label for="goods">{m.fieldGoods}</label>
        <textarea id="goods" name="goods" rows={3}>{values.goods ?? ''}</textarea>
        <label for="description">{t.registry.works.fieldDescription}</label>
        <textarea id="description" name="description" rows={3}>{values.description ?? ''}</textarea>
        <label for="status">{m.fieldStatus}</label>
        <select id="status" name="status">
          {workStatuses.map((s) => <option value={s} selected={(values.status ?? 'active') === s}>{t.registry.workStatus[s]}</option>)}
        </select>
        <button class="btn primary" type="submit">{mark ? t.registry.common.save : t.registry.common.create}</button>
      </form>
    </Layout>
  );
}

export function MarkDetailPage({ page, mark, message, error, maxImageBytes }: { page: PageContext; mark: MarkDetail; message?: string | undefined; error?: string | undefined; maxImageBytes: number }) {
  const { t } = page;
  const m = t.registry.marks;
  const writable = canWrite(page);
  const row = (label: string, value: string | null | undefined) => (value ? <><dt>{label}</dt><dd>{value}</dd></> : null);
  return (
    <Layout page={page} title={mark.name}>
      <PortalStyle />
      <p><a href="/registry/marks">{t.registry.common.back}</a></p>
      <div class="actions">
        <h1 style="margin:0">{mark.name} <span class={`badge ${mark.status}`}>{t.registry.workStatus[mark.status]}</span></h1>
        {writable ? <a class="btn plain" href={`/registry/marks/${mark.id}/edit`}>{t.registry.common.edit}</a> : null}
      </div>
      <Notice message={message} />
      <FormAlert page={page} error={error} />
      <div class="cols">
        <section class="card">
          <h2>{m.detail}</h2>
          <dl class="meta">
            {row(m.fieldKind, t.registry.markKinds[mark.kind])}
            {row(m.fieldOwner, mark.owner.name)}
            {row(m.fieldCertificateNo, mark.certificateNo)}
            {row(m.fieldFilingDate, mark.filingDate)}
            {row(m.fieldGrantDate, mark.grantDate)}
            {row(m.fieldExpiry, mark.expiresOn)}
            {row(m.fieldNiceClasses.split(' (')[0]!, mark.niceClasses.join(', '))}
            {row(m.fieldGoods, mark.goods)}
          </dl>
        </section>
        <section class="card">
          <h2>{t.registry.fingerprint.title}</h2>
          <Progress page={page} progress={mark.fingerprint} />
        </section>
      </div>
      <section class="card">
        <h2>{m.image}</h2>
        {mark.assets.length ? <AssetList page={page} assets={mark.assets} deleteBase={`/registry/marks/${mark.id}/assets`} canWrite={writable} /> : <p class="muted">{m.noImage}</p>}
        {writable ? (
          <form class="stack" method="post" action={`/registry/marks/${mark.id}/image`} enctype="multipart/form-data" style="margin-top:1rem">
            <CsrfField token={page.csrfToken} />
            <label for="file">{m.setImage}</label>
            <input id="file" name="file" type="file" accept="image/jpeg,image/png,image/webp,image/gif" required />
            <span class="muted small">{t.registry.works.addImageHint.replace('{max}', formatBytes(maxImageBytes))}</span>
            <button class="btn primary" type="submit">{t.registry.works.upload}</button>
          </form>
        ) : null}
      </section>
    </Layout>
  );
}
