import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { scanPersonalData } from './privacy-scan.js';
import { htmlToText, isSafeUrl, sanitizeBody } from './sanitize.js';

const ALLOWED: Record<string, readonly string[]> = {
  p: [], div: [], h2: [], h3: [], h4: [], strong: [], em: [], u: [], sub: [], sup: [], ul: [], ol: [], li: [],
  table: [], caption: [], thead: [], tbody: [], tfoot: [], tr: [], th: ['colspan', 'rowspan', 'scope'],
  td: ['colspan', 'rowspan'], a: ['href', 'title'], img: ['src', 'alt'], br: [], hr: [], blockquote: [], span: [],
};

const decode = (v: string): string =>
  v.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

/** Structural check of sanitised output: only allowlisted tags, attributes and URL schemes. */
function assertClean(html: string, input: string): void {
  for (const [tag] of html.matchAll(/<[^>]*>/g)) {
    const m = /^<\/?([a-z0-9]+)((?:\s+[a-z-]+="[^"<>]*")*)\s*\/?>$/.exec(tag);
    assert.ok(m, `malformed tag ${tag} from ${input}`);
    const name = m[1];
    assert.ok(name in ALLOWED, `tag ${name} from ${input}`);
    for (const [, attr, value] of m[2].matchAll(/([a-z-]+)="([^"]*)"/g)) {
      assert.ok(ALLOWED[name].includes(attr), `attribute ${name}[${attr}] from ${input}`);
      if (attr === 'href') assert.ok(isSafeUrl(decode(value)), `href ${value} from ${input}`);
      if (attr === 'src') assert.ok(isSafeUrl(decode(value), ['http', 'https']), `src ${value} from ${input}`);
      if (attr === 'colspan' || attr === 'rowspan') assert.match(value, /^\d{1,3}$/);
    }
  }
  assert.doesNotMatch(html, /<(script|style|iframe|svg|math|form|input|object|embed|base|meta|link)\b/i);
  // Event handlers can only live inside tags; "onimg=" as visible text is harmless (and escaped).
  for (const [tag] of html.matchAll(/<[^>]*>/g)) assert.doesNotMatch(tag, /\son[a-z]+\s*=/i);
  assert.doesNotMatch(html, /(?:href|src)="\s*(?:javascript|vbscript|data):/i);
}

const XSS_VECTORS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<IMG SRC="javascript:alert(1);">',
  '<IMG SRC=JaVaScRiPt:alert(1)>',
  '<img src="jav&#x09;ascript:alert(1)">',
  '<img src="jav&#x0A;ascript:alert(1)">',
  '<img src=" &#14;  javascript:alert(1)">',
  '<img src="data:image/svg+xml;base64,PHN2Zy8+">',
  '<img src="//evil.example/a.png">',
  '<img src="http://ok.example/a.png" srcset="javascript:alert(1)">',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href="  javascript:alert(1)">x</a>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href="jav&#9;ascript:alert(1)">x</a>',
  '<a href="java\u0000script:alert(1)">x</a>',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '<a href="&#x6A;avascript:alert(1)">x</a>',
  '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041">x</a>',
  '<a href="javascript&colon;alert(1)">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="VBScript:msgbox(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<a href="file:///etc/passwd">x</a>',
  '<a href="//evil.example">x</a>',
  '<a href="\\\\evil.example">x</a>',
  '<a href="https://ok.example" target="_blank" onclick="alert(1)" style="color:red">x</a>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<math><style><img src=x onerror=alert(1)></style></math>',
  '<svg><style><img src=x onerror=alert(1)></style></svg>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<form action="javascript:alert(1)"><input type=submit></form>',
  '<button formaction="javascript:alert(1)">x</button>',
  '<input onfocus=alert(1) autofocus>',
  '<details open ontoggle=alert(1)>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<span style="width: expression(alert(1))">x</span>',
  '<style>@import "https://evil.example/x.css";</style>',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:/">',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<table background="javascript:alert(1)"><tr><td background="javascript:alert(1)">x</td></tr></table>',
  '<p onclick=alert(1)>x</p>',
  '<P OnMouseOver="alert(1)">x</P>',
  '<<script>script>alert(1)<</script>/script>',
  '<scr<script>ipt>alert(1)</script>',
  '<!--<img src=x onerror=alert(1)>-->',
  '<![CDATA[<script>alert(1)</script>]]>',
  '<xmp><script>alert(1)</script></xmp>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<textarea><script>alert(1)</script></textarea>',
  '<template><script>alert(1)</script></template>',
  '<title><img src=x onerror=alert(1)></title>',
  '<a href="https://ok.example/"onmouseover="alert(1)">x</a>',
  '<img """><script>alert(1)</script>">',
  '<img src=`javascript:alert(1)`>',
  '<td colspan="2 onmouseover=alert(1)">x</td>',
  '<th colspan="99999">x</th>',
  '<a href="https://ok.example/?q=<script>">x</a>',
  '<plaintext><script>alert(1)</script>',
];

test('XSS vectors come out clean', () => {
  for (const v of XSS_VECTORS) {
    const out = sanitizeBody(v);
    assertClean(out, v);
    assert.doesNotMatch(out, /alert\(1\)</, v); // no script text left as markup
  }
});

test('script and style content is dropped, not shown as text', () => {
  assert.equal(sanitizeBody('<p>前<script>alert(1)</script>后</p>'), '<p>前后</p>');
  assert.equal(sanitizeBody('<style>p{color:red}</style><p>正文</p>'), '<p>正文</p>');
  assert.equal(sanitizeBody('<svg><text>图</text></svg><p>正文</p>'), '<p>正文</p>');
});

test('ordinary document markup survives', () => {
  const doc =
    '<h2>一、总体要求</h2><p>以<strong>习近平</strong>新时代<em>中国特色</em><u>社会主义</u>思想为指导。</p>' +
    '<ol><li>第一项</li><li>第二项</li></ol><blockquote>引文</blockquote>' +
    '<table><thead><tr><th colspan="2" scope="col">表头</th></tr></thead>' +
    '<tbody><tr><td rowspan="2">甲</td><td>乙</td></tr></tbody></table>' +
    '<p><a href="https://www.linzi.gov.cn/x.html" title="链接">链接</a> <a href="/gk/2023/1.html">相对</a> ' +
    '<a href="mailto:lzgk@linzi.gov.cn">邮件</a> <a href="#sec2">锚点</a> <a href="?page=2">查询</a></p>' +
    '<p><img src="/uploads/a.png" alt="示意图"><img src="https://img.example/b.jpg" alt=""><br />m<sup>2</sup></p>';
  assert.equal(sanitizeBody(doc), doc.replace('<img src="/uploads/a.png" alt="示意图">', '<img src="/uploads/a.png" alt="示意图" />')
    .replace('<img src="https://img.example/b.jpg" alt="">', '<img src="https://img.example/b.jpg" alt="" />'));
});

test('presentational and heading tags are mapped, styles and classes dropped', () => {
  assert.equal(sanitizeBody('<h1>标题</h1>'), '<h2>标题</h2>');
  assert.equal(sanitizeBody('<h6 class="x">小标题</h6>'), '<h4>小标题</h4>');
  assert.equal(sanitizeBody('<b>粗</b><i>斜</i>'), '<strong>粗</strong><em>斜</em>');
  assert.equal(sanitizeBody('<p style="text-indent:2em" class="MsoNormal" id="a">段</p>'), '<p>段</p>');
  assert.equal(sanitizeBody('<span lang="ZH-CN" style="font-family:仿宋">字</span>'), '<span>字</span>');
});

test('text is escaped and entities are kept as text', () => {
  assert.equal(sanitizeBody('<p>a &lt;b&gt; &amp; "c" &#x4E2D;</p>'), '<p>a &lt;b&gt; &amp; "c" 中</p>');
  assert.equal(sanitizeBody('1 < 2 > 0'), '1 &lt; 2 &gt; 0');
});

test('isSafeUrl', () => {
  for (const ok of ['https://a.cn', 'http://a.cn/x?y=1', '/x', 'x/y', '../x', '#a', '?q', 'mailto:a@b.cn', 'a/b:c']) {
    assert.equal(isSafeUrl(ok), true, ok);
  }
  for (const bad of ['javascript:x', ' JAVASCRIPT:x', 'java\tscript:x', 'java\nscript:x', '\u0001javascript:x',
    'vbscript:x', 'data:text/html,x', '//evil.cn', '\\\\evil.cn', 'foo:bar', 'ftp://a.cn', 'java\u200bscript:x']) {
    assert.equal(isSafeUrl(bad), false, bad);
  }
  assert.equal(isSafeUrl('mailto:a@b.cn', ['http', 'https']), false);
});

test('random markup soup always comes out clean and is idempotent', () => {
  const unit = fc.constantFrom(
    '<', '>', '/', '"', "'", '=', ' ', '&', '#', ';', 'x', ':', '\t', '\n',
    'a', 'p', 'img', 'svg', 'script', 'style', 'href', 'src', 'on', 'load', 'error', 'javascript', 'data',
    'java&#x09;script', '&#106;', '&colon;', 'td', 'colspan', '<!--', '-->', '<![CDATA[', ']]>', '中',
  );
  fc.assert(
    fc.property(fc.string({ unit, maxLength: 60 }), (soup) => {
      const out = sanitizeBody(soup);
      assertClean(out, soup);
      assert.equal(sanitizeBody(out), out);
    }),
    { numRuns: 3000 },
  );
});

test('blocks become lines, source whitespace collapses', () => {
  const html = '<h2>一、总体要求</h2>\n  <p>第一段\n   继续。</p><p>第二段<br>换行</p><ul><li>甲</li><li>乙</li></ul>';
  assert.equal(htmlToText(html), '一、总体要求\n第一段 继续。\n第二段\n换行\n甲\n乙');
});

test('table rows are lines with tab-separated cells, even with paragraphs inside cells', () => {
  const html = `<table>
    <tr><th>姓名</th><th>联系电话</th></tr>
    <tr><td><p>王某</p><p>（户主）</p></td><td>13853312345</td></tr>
  </table><p>后文</p>`;
  assert.equal(htmlToText(html), '姓名\t联系电话\n王某 （户主）\t13853312345\n后文');
});

test('entities decode, scripts vanish, alt text is kept', () => {
  assert.equal(htmlToText('<p>A&amp;B &lt;c&gt; &quot;d&quot;&nbsp;e</p><script>x()</script>'), 'A&B <c> "d" e');
  assert.equal(htmlToText('<p>见<img src="/a.png" alt="图1 &lt;位置&gt;">。</p>'), '见图1 <位置>。');
  assert.equal(htmlToText(''), '');
});

test('privacy scan over html text sees table columns', () => {
  const html =
    '<table><tr><th>科目</th><th>预算数</th><th>联系电话</th></tr>' +
    '<tr><td>行政运行</td><td>13912345678</td><td>138-5331-2345</td></tr></table>';
  const hits = scanPersonalData(htmlToText(html));
  assert.deepEqual(hits.map((h) => h.text), ['138-5331-2345']);
});
