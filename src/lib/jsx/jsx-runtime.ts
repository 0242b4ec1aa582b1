// A tiny server-side JSX runtime that escapes by default.
// Every text child and attribute value is HTML-escaped; markup only enters
// the output as SafeHtml, which is produced by JSX itself or by `raw()`,
// whose only caller is the sanitising helper for document bodies.

export class SafeHtml {
  readonly html: string;
  constructor(html: string) {
    this.html = html;
  }
  toString(): string {
    return this.html;
  }
}

export type Child = SafeHtml | string | number | boolean | null | undefined | Child[];
export type AttrValue = string | number | boolean | null | undefined;
type Props = { children?: Child } & Record<string, unknown>;
export type Component<P = Record<string, unknown>> = (props: P & { children?: Child }) => SafeHtml;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const ATTR_NAME = /^[a-zA-Z_:][a-zA-Z0-9_.:-]*$/;

export function renderChild(child: Child): string {
  if (child === null || child === undefined || child === false || child === true) return '';
  if (child instanceof SafeHtml) return child.html;
  if (Array.isArray(child)) return child.map(renderChild).join('');
  return escapeHtml(String(child));
}

function renderAttrs(props: Props): string {
  let out = '';
  for (const [key, value] of Object.entries(props)) {
    if (key === 'children' || value === undefined || value === null || value === false) continue;
    const name = key === 'className' ? 'class' : key === 'htmlFor' ? 'for' : key;
    if (!ATTR_NAME.test(name)) throw new Error(`invalid attribute name: ${name}`);
    if (/^on/i.test(name)) throw new Error(`inline event handlers are not allowed: ${name}`);
    if (value === true) out += ` ${name}`;
    else out += ` ${name}="${escapeHtml(String(value))}"`;
  }
  return out;
}

export function jsx(type: string | Component<Props>, props: Props): SafeHtml {
  if (typeof type === 'function') return type(props);
  const attrs = renderAttrs(props);
  if (VOID.has(type)) return new SafeHtml(`<${type}${attrs}>`);
  return new SafeHtml(`<${type}${attrs}>${renderChild(props.children)}</${type}>`);
}
export const jsxs = jsx;
export const jsxDEV = jsx;

export function Fragment(props: { children?: Child }): SafeHtml {
  return new SafeHtml(renderChild(props.children));
}

/** Marks already-safe markup. Only for sanitised document bodies and fixed server strings. */
export const raw = (html: string): SafeHtml => new SafeHtml(html);

type IntrinsicProps = { children?: Child; [attr: string]: AttrValue | Child };

export namespace JSX {
  export type Element = SafeHtml;
  export interface IntrinsicElements {
    [tag: string]: IntrinsicProps;
  }
  export interface ElementChildrenAttribute {
    children: unknown;
  }
}
