// Labelled form controls that show their field error and keep the user's input.
import type { Child } from '#jsx/jsx-runtime';

export type FormState = { values: Record<string, unknown>; errors: Record<string, string> };
export const emptyForm = (values: Record<string, unknown> = {}): FormState => ({ values, errors: {} });
const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

export const ErrorSummary = (p: { errors: Record<string, string>; labels: Record<string, string> }) => {
  const keys = Object.keys(p.errors);
  if (keys.length === 0) return null;
  return (
    <div class="gk-error-summary" role="alert" tabindex="-1">
      <h2>提交的内容有误，请修改以下{keys.length}项</h2>
      <ul>{keys.map((k) => <li><a href={`#f-${k}`}>{p.labels[k] ?? '表单'}：{p.errors[k]}</a></li>)}</ul>
    </div>
  );
};

type FieldProps = { name: string; label: string; form: FormState; type?: string; hint?: string; required?: boolean; autocomplete?: string; maxlength?: number };

export const TextField = (p: FieldProps) => {
  const err = p.form.errors[p.name];
  const describedBy = [p.hint ? `h-${p.name}` : '', err ? `e-${p.name}` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`gk-field${err ? ' gk-field--error' : ''}`}>
      <label for={`f-${p.name}`}>{p.label}{p.required ? <span class="gk-req">（必填）</span> : null}</label>
      {p.hint ? <p class="gk-hint" id={`h-${p.name}`}>{p.hint}</p> : null}
      {err ? <p class="gk-field-error" id={`e-${p.name}`}>{err}</p> : null}
      <input id={`f-${p.name}`} name={p.name} type={p.type ?? 'text'} value={p.type === 'password' ? '' : str(p.form.values[p.name])}
        aria-invalid={err ? 'true' : undefined} aria-describedby={describedBy} required={p.required} autocomplete={p.autocomplete} maxlength={p.maxlength} />
    </div>
  );
};

export const TextArea = (p: FieldProps & { rows?: number }) => {
  const err = p.form.errors[p.name];
  return (
    <div class={`gk-field${err ? ' gk-field--error' : ''}`}>
      <label for={`f-${p.name}`}>{p.label}{p.required ? <span class="gk-req">（必填）</span> : null}</label>
      {p.hint ? <p class="gk-hint" id={`h-${p.name}`}>{p.hint}</p> : null}
      {err ? <p class="gk-field-error" id={`e-${p.name}`}>{err}</p> : null}
      <textarea id={`f-${p.name}`} name={p.name} rows={p.rows ?? 6} aria-invalid={err ? 'true' : undefined}
        aria-describedby={[p.hint ? `h-${p.name}` : '', err ? `e-${p.name}` : ''].filter(Boolean).join(' ') || undefined} required={p.required}>{str(p.form.values[p.name])}</textarea>
    </div>
  );
};

export const SelectField = (p: FieldProps & { options: { value: string | number; label: string }[] }) => {
  const err = p.form.errors[p.name];
  const cur = str(p.form.values[p.name]);
  return (
    <div class={`gk-field${err ? ' gk-field--error' : ''}`}>
      <label for={`f-${p.name}`}>{p.label}{p.required ? <span class="gk-req">（必填）</span> : null}</label>
      {err ? <p class="gk-field-error" id={`e-${p.name}`}>{err}</p> : null}
      <select id={`f-${p.name}`} name={p.name} aria-invalid={err ? 'true' : undefined} aria-describedby={err ? `e-${p.name}` : undefined}>
        <option value="">请选择</option>
        {p.options.map((o) => <option value={String(o.value)} selected={String(o.value) === cur}>{o.label}</option>)}
      </select>
    </div>
  );
};

export const Checkbox = (p: { name: string; label: string; checked: boolean }) => (
  <div class="gk-field gk-field--check">
    <input type="checkbox" id={`f-${p.name}`} name={p.name} value="on" checked={p.checked} />
    <label for={`f-${p.name}`}>{p.label}</label>
  </div>
);

export const CsrfField = (p: { token: string }) => <input type="hidden" name="_csrf" value={p.token} />;

export const Form = (p: { action: string; csrf: string; children?: Child; submit: string; method?: string; enctype?: string }) => (
  <form method="post" action={p.action} class="gk-form" novalidate enctype={p.enctype}>
    <CsrfField token={p.csrf} />
    {p.children}
    <button type="submit" class="gk-button">{p.submit}</button>
  </form>
);
