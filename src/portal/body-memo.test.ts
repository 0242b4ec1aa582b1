import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bodyHtml } from './portal.service.js';

test('the sanitised-body memo never serves another body with the same id and version (two databases in one process)', () => {
  const at = '2023-05-10T08:00:00.000Z';
  assert.equal(bodyHtml({ id: 3, updated_at: at, body_html: '<p>甲库的正文</p>' }), '<p>甲库的正文</p>');
  assert.equal(bodyHtml({ id: 3, updated_at: at, body_html: '<p>乙库的正文</p><script>x()</script>' }), '<p>乙库的正文</p>');
  assert.equal(bodyHtml({ id: 3, updated_at: at, body_html: '<p>甲库的正文</p>' }), '<p>甲库的正文</p>');
});
