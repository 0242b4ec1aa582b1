import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from './errors.js';
import { inspectMedia, MAX_IMAGE_BYTES, MAX_SVG_BYTES, sanitizeSvg, sniffMedia } from './media-file.js';
import { JPG_HEAD, MP4_HEAD, PNG_1X1, WEBM_HEAD } from '../test-support/media-fixtures.js';

const refusal = (fn: () => unknown): { kind: string; code: string; message: string } | null => {
  try { fn(); return null; } catch (e) { if (e instanceof AppError) return { kind: e.kind, code: e.code, message: e.message }; throw e; }
};

describe('sniffMedia: by the bytes', () => {
  test('png, jpg, mp4, webm and svg are recognised', () => {
    assert.equal(sniffMedia(PNG_1X1), 'png');
    assert.equal(sniffMedia(JPG_HEAD), 'jpg');
    assert.equal(sniffMedia(MP4_HEAD), 'mp4');
    assert.equal(sniffMedia(WEBM_HEAD), 'webm');
    assert.equal(sniffMedia(Buffer.from('<?xml version="1.0"?>\n<!-- made by x -->\n<svg viewBox="0 0 1 1"></svg>')), 'svg');
  });
  test('look-alikes are not: HTML, an executable, HEIC (ftyp heic), Matroska, plain text', () => {
    assert.equal(sniffMedia(Buffer.from('<!doctype html><html><svg></svg></html>')), null);
    assert.equal(sniffMedia(Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0])), null);
    assert.equal(sniffMedia(Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(16)])), null);
    assert.equal(sniffMedia(Buffer.concat([WEBM_HEAD.subarray(0, 12), Buffer.from('matroska'), Buffer.alloc(16)])), null);
    assert.equal(sniffMedia(Buffer.from('图解说明文字')), null);
  });
});

describe('inspectMedia', () => {
  test('accepts matching name and content; refuses a mismatch, an unknown type and the wrong kind with 415', () => {
    assert.deepEqual(inspectMedia('图解.png', PNG_1X1, 'image').mime, 'image/png');
    assert.equal(inspectMedia('讲解.MP4', MP4_HEAD, 'video').format, 'mp4');
    assert.equal(inspectMedia('讲解.webm', WEBM_HEAD).kind, 'video');
    assert.equal(refusal(() => inspectMedia('图解.png', MP4_HEAD))?.kind, 'unsupported_media');
    assert.equal(refusal(() => inspectMedia('virus.mp4', Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0, 0])))?.kind, 'unsupported_media');
    assert.equal(refusal(() => inspectMedia('图解.gif', Buffer.from('GIF89a')))?.kind, 'unsupported_media');
    assert.match(refusal(() => inspectMedia('讲解.mp4', MP4_HEAD, 'image'))?.message ?? '', /图解只能上传/);
    assert.match(refusal(() => inspectMedia('图.png', PNG_1X1, 'video'))?.message ?? '', /视频只能上传/);
  });
  test('size limits (413) and empty files (400)', () => {
    const big = Buffer.concat([PNG_1X1, Buffer.alloc(MAX_IMAGE_BYTES)]);
    assert.deepEqual(refusal(() => inspectMedia('大图.png', big)), { kind: 'payload_too_large', code: 'attachment_too_large', message: '图片不能超过 5 MB' });
    const bigSvg = Buffer.from(`<svg>${' '.repeat(MAX_SVG_BYTES)}</svg>`);
    assert.equal(refusal(() => inspectMedia('大图.svg', bigSvg))?.message, 'SVG 图片不能超过 1 MB');
    assert.equal(refusal(() => inspectMedia('空.png', Buffer.alloc(0)))?.kind, 'invalid');
  });
});

describe('sanitizeSvg', () => {
  test('keeps shapes, text and fragment references; removes scripts, handlers, styles, foreignObject and external images', () => {
    const dirty = `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" onload="alert(1)">
      <script>alert('x')</script><style>@import url(http://evil.example/x.css);</style>
      <defs><linearGradient id="g"><stop offset="0" stop-color="#c00"/></linearGradient></defs>
      <rect x="0" y="0" width="100" height="50" fill="url(#g)" onclick="steal()"/>
      <text x="10" y="30" font-size="12">申请条件 &amp; 材料</text>
      <foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><iframe src="javascript:alert(1)"></iframe>外部内容</div></foreignObject>
      <a href="javascript:alert(1)"><circle r="3"/></a><image href="http://evil.example/track.png"/>
    </svg>`;
    const clean = sanitizeSvg(dirty)!;
    assert.ok(clean, 'sanitised, not refused');
    for (const bad of ['script', 'alert', 'onload', 'onclick', 'style', 'evil.example', 'foreignObject', 'iframe', '外部内容', '<image', 'javascript']) assert.ok(!clean.includes(bad), `${bad} in ${clean}`);
    assert.match(clean, /<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 100 50">/);
    assert.match(clean, /<linearGradient id="g">/, 'SVG names keep their case');
    assert.match(clean, /fill="url\(#g\)"/);
    assert.match(clean, /申请条件 &amp; 材料/);
    assert.match(clean, /<circle r="3"/, 'the link is removed, its drawing kept');
  });
  test('refused: entity declarations, references to other files, and a root that is not <svg>', () => {
    assert.equal(sanitizeSvg('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg><text>&x;</text></svg>'), null);
    assert.equal(sanitizeSvg('<svg><use href="other.svg#icon"/></svg>'), null);
    assert.equal(sanitizeSvg('<svg><rect fill="url(http://evil.example/p.svg#p)"/></svg>'), null);
    assert.equal(sanitizeSvg('<html><svg></svg></html>'), null);
    assert.equal(refusal(() => inspectMedia('x.svg', Buffer.from('<svg><use href="other.svg#i"/></svg>')))?.kind, 'unsupported_media');
  });
  test('inspectMedia stores the sanitised drawing', () => {
    const r = inspectMedia('流程.svg', Buffer.from('<svg viewBox="0 0 10 10"><script>x()</script><path d="M0 0L10 10"/></svg>'));
    assert.equal(r.mime, 'image/svg+xml');
    assert.doesNotMatch(r.data.toString(), /script/);
    assert.match(r.data.toString(), /<path d="M0 0L10 10"/);
  });
});
