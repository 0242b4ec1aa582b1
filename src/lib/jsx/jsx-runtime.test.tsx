import { test } from 'node:test';
import assert from 'node:assert/strict';
import { raw } from './jsx-runtime.js';

test('text and attributes are escaped by default', () => {
  const evil = '<script>alert("x")</script>';
  const html = (<p title={evil}>{evil}</p>).html;
  assert.equal(html, '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>');
});

test('components, fragments, arrays, void elements and raw', () => {
  const Item = (p: { label: string }) => <li>{p.label}</li>;
  const html = (<><ul>{['a', 'b&c'].map((l) => <Item label={l} />)}</ul><br />{raw('<b>ok</b>')}{null}{false}</>).html;
  assert.equal(html, '<ul><li>a</li><li>b&amp;c</li></ul><br><b>ok</b>');
});

test('inline event handlers are refused', () => {
  assert.throws(() => <a onclick="x()">x</a>);
});
