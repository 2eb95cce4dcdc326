import { CsrfField, Layout, type PageContext } from '../layout.tsx';
import { PortalStyle } from '../registry/registry.style.tsx';

export type RegisterValues = Partial<Record<'name' | 'email' | 'partyKind' | 'organisation' | 'phone' | 'address' | 'claimedOwner' | 'note', string>>;

export function FieldError({ errors, name }: { errors: Record<string, string> | undefined; name: string }) {
  const message = errors?.[name];
  return message ? <div class="field-error" id={`${name}-error`}>{message}</div> : null;
}

export function RegisterPage({ page, values = {}, errors, done }: { page: PageContext; values?: RegisterValues; errors?: Record<string, string>; done?: boolean }) {
  const a = page.t.registry.account;
  const text = (name: keyof RegisterValues, label: string, type = 'text', extra: Record<string, string | boolean> = {}) => (
    <>
      <label for={name}>{label}</label>
      <input id={name} name={name} type={type} value={values[name] ?? ''} {...extra} />
      <FieldError errors={errors} name={name} />
    </>
  );
  return (
    <Layout page={page} title={a.registerTitle}>
      <PortalStyle />
      <div class="card" style="max-width:800px;margin:1rem auto">
        <h1>{a.registerTitle}</h1>
        {done ? (
          <div class="notice" role="status">{a.submitted}</div>
        ) : (
          <>
            <p class="muted">{a.registerIntro}</p>
            {errors && Object.keys(errors).length ? <div class="alert" role="alert">{page.t.registry.common.formErrors}</div> : null}
            <form class="stack" method="post" action="/register">
              <CsrfField token={page.csrfToken} />
              {text('name', a.name, 'text', { required: true, maxlength: '200', autocomplete: 'name' })}
              {text('email', a.email, 'email', { required: true, maxlength: '254', autocomplete: 'email' })}
              <label for="password">{a.password}</label>
              <input id="password" name="password" type="password" required minlength={8} maxlength={200} autocomplete="new-password" />
              <FieldError errors={errors} name="password" />
              <label for="password2">{a.password2}</label>
              <input id="password2" name="password2" type="password" required minlength={8} maxlength={200} autocomplete="new-password" />
              <FieldError errors={errors} name="password2" />
              <fieldset>
                <legend>{a.partyKind}</legend>
                <label><input type="radio" name="partyKind" value="person" checked={values.partyKind !== 'organisation'} /> {a.person}</label>
                <label><input type="radio" name="partyKind" value="organisation" checked={values.partyKind === 'organisation'} /> {a.organisation}</label>
              </fieldset>
              <FieldError errors={errors} name="partyKind" />
              {text('organisation', a.organisationName, 'text', { maxlength: '300', autocomplete: 'organization' })}
              {text('claimedOwner', a.claimedOwner, 'text', { required: true, maxlength: '300' })}
              {text('phone', a.phone, 'text', { maxlength: '50', autocomplete: 'tel' })}
              {text('address', a.address, 'text', { maxlength: '500', autocomplete: 'street-address' })}
              <label for="note">{a.note}</label>
              <textarea id="note" name="note" maxlength={2000}>{values.note ?? ''}</textarea>
              <FieldError errors={errors} name="note" />
              <button class="btn primary" type="submit">{a.submit}</button>
            </form>
          </>
        )}
      </div>
    </Layout>
  );
}
