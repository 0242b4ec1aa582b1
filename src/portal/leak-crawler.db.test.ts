// The no-leak guarantee, tested like an outsider would probe it: hidden items (draft, submitted,
// returned, withdrawn, on_request, withheld, and their attachments) carry unique marker strings;
// an anonymous crawler follows every link from /, the sitemap and the feeds, searches for every
// marker (pages and API), and guesses /items/<id>, /attachments/<id> and API URLs for every id.
// It fails on any hidden marker, and proves that the one published proactive item is found.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHarness, type Harness } from '../test-support/harness.js';
import { insertItem, updateItem } from '../search/search.fixtures.js';
import { syncItemIndex } from '../search/search.sync.js';
import { redact } from '../qa/consult.service.js';

type Kind = 'public' | 'draft' | 'submitted' | 'returned' | 'withdrawn' | 'on_request' | 'withheld' | 'interp_draft' | 'gazette_hidden';
const KINDS: Kind[] = ['public', 'draft', 'submitted', 'returned', 'withdrawn', 'on_request', 'withheld', 'interp_draft', 'gazette_hidden'];
/** Markers are single jieba tokens (lowercase ASCII + digits) so a search for one is a real full-text query. */
const marker = (i: number, part: 't' | 'b' | 'a' | 'f') => `lkq${String(i).padStart(2, '0')}${part}mark`;

describe('no unpublished information reaches anonymous users (crawler)', () => {
  let h: Harness;
  const ids = new Map<Kind, number>();
  const attachmentIds: number[] = [];
  const markers = new Map<Kind, string[]>();
  let draftIssueMarker = '';
  // 依申请公开: applicant data (name, ID number, phone, address, e-mail) and the request's description and files.
  const requestMarkers = ['lkqreqnamemark', '370305198807070011', '13987654321', 'lkqreqaddrmark', 'lkqreqmail@example.com', 'lkqreqdescmark', 'lkqreqfilemark'];
  let requestId = 0;
  const QA_MARKERS = { draft: 'lkqqadraftmark', review: 'lkqqareviewmark', question: 'lkqqaquestionmark', reply: 'lkqqareplymark', name: 'lkqqanamemark', contact: 'lkqqacontactmark', mediaText: 'lkqqamediatextmark', mediaFile: 'lkqqamediafilemark' };
  const CONSULT_MARKERS = ['lkqpartynamemark', 'lkqpartyaddrmark', 'lkqpartycontactmark', 'lkqpartymattermark'];
  const RELEASED_MARKER = 'lkqreleasedfilemark';
  const QUERY_CODE = 'HJKMN-PQRST';
  let releasedFileId = 0;
  const qaEntryIds: number[] = [];
  // 图解/视频: files of the draft and in-review entries (hidden), and of one published entry (public).
  const qaHiddenMediaIds: number[] = [];
  let qaPublicEntryId = 0;
  let qaPublicMediaId = 0;
  const visited = new Map<string, { status: number; body: string }>();

  before(async () => {
    h = await createHarness();
    const unit = await h.unitId('区住建局');
    const db = h.tdb.db;
    const d = h.tdb.dialect;
    const uploads = join(h.tdb.dataDir, 'uploads');
    mkdirSync(uploads, { recursive: true });
    for (const [i, kind] of KINDS.entries()) {
      const [t, b, a, f] = [marker(i, 't'), marker(i, 'b'), marker(i, 'a'), marker(i, 'f')];
      markers.set(kind, [t, b, a, f]);
      const status = kind === 'draft' || kind === 'interp_draft' ? 'draft' : kind === 'submitted' ? 'submitted' : kind === 'returned' ? 'returned' : 'published';
      const attribute = kind === 'on_request' ? 'on_request' : kind === 'withheld' ? 'withheld' : 'proactive';
      const id = await insertItem(db, d, {
        area_id: h.areaId, unit_id: unit, status, attribute,
        title: `关于住房保障工作的通知 ${t}`, body_text: `${b} 为做好保障性租赁住房工作，现通知如下。`,
        doc_number: `临住建字〔2023〕${i + 1}号`, item_type: kind === 'interp_draft' ? 'interpretation' : 'normative', validity: 'valid',
        category_code: 'zcwj-gfxwj', topic_code: 'tp09', // Every published item has a date (also on_request/withheld), so only the attribute keeps them out.
        published_on: status === 'published' ? '2023-06-01' : null,
        withheld_basis: kind === 'withheld' ? 'art14_state_secret' : null,
      });
      ids.set(kind, id);
      const key = `crawler-${i}`;
      writeFileSync(join(uploads, key), `附件正文 ${a}`);
      const att = await db.insertInto('item_attachments').values({
        item_id: id, file_name: `${f}.txt`, mime: 'text/plain; charset=utf-8', size: 20, storage_key: key, sha256: '0'.repeat(64), text: `附件正文 ${a}`, created_at: '2023-06-01T00:00:00.000Z',
      }).returning('id').executeTakeFirstOrThrow();
      attachmentIds.push(att.id);
      await db.transaction().execute((tx) => syncItemIndex(tx, d, id));
    }
    const pub = ids.get('public')!;
    // Withdrawn: published (and indexed) first, then withdrawn in its own transaction.
    await updateItem(db, d, ids.get('withdrawn')!, { status: 'withdrawn' });
    // Links that point from public things to hidden ones must not carry the hidden titles.
    await db.updateTable('info_items').set({ policy_item_id: pub }).where('id', '=', ids.get('interp_draft')!).execute();
    await updateItem(db, d, pub, { replaced_by_id: ids.get('draft')! });
    await updateItem(db, d, ids.get('draft')!, { policy_item_id: null });
    const issue = await db.insertInto('gazette_issues').values({ area_id: h.areaId, year: 2023, number: 6, title: '政府公报2023年第6期', published_on: '2023-06-30', status: 'published' }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('gazette_entries').values([{ issue_id: issue.id, item_id: pub, sort: 1 }, { issue_id: issue.id, item_id: ids.get('gazette_hidden')!, sort: 2 }]).execute();
    await updateItem(db, d, ids.get('gazette_hidden')!, { attribute: 'on_request' });
    draftIssueMarker = 'lkqdraftissuemark';
    await db.insertInto('gazette_issues').values({ area_id: h.areaId, year: 2023, number: 7, title: `未发布的公报 ${draftIssueMarker}`, published_on: null, status: 'draft' }).execute();
    const col = await db.insertInto('collections').values({ area_id: h.areaId, slug: 'crawl', name: '住房保障专题', description: '专题', sort: 1 }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('collection_items').values(KINDS.map((k, i) => ({ collection_id: col.id, item_id: ids.get(k)!, sort: i }))).execute();
    // The 政府信息公开 sub-columns (制度, 年报) list items of their categories: hidden ones must stay out.
    for (const [i, category] of ['gkzd', 'zfxxgknb'].entries()) {
      for (const [j, st] of (['draft', 'submitted'] as const).entries()) {
        const m = `lkqsubcol${i}${j}mark`;
        extraHidden.push(m);
        await insertItem(db, d, { area_id: h.areaId, unit_id: unit, status: st, title: `未发布的制度或年报 ${m}`, body_text: m, category_code: category, published_on: null });
      }
      const m = `lkqsubcolreq${i}mark`;
      extraHidden.push(m);
      await insertItem(db, d, { area_id: h.areaId, unit_id: unit, attribute: 'on_request', title: `依申请公开的制度或年报 ${m}`, body_text: m, category_code: category, published_on: '2023-06-01' });
    }
    await db.transaction().execute((tx) => syncItemIndex(tx, d, pub)); // bump the public generation after the direct inserts
    const [rName, rId, rPhone, rAddr, rMail, rDesc, rFile] = requestMarkers;
    const at = '2023-06-01T00:00:00.000Z';
    requestId = (await db.insertInto('info_requests').values({
      area_id: h.areaId, unit_id: unit, handling_unit_id: unit, number: '临淄依申〔2023〕0001号', channel: 'online', state: 'running',
      applicant_type: 'natural', applicant_name: `申请人 ${rName}`, applicant_id_type: '居民身份证', applicant_id_number: rId!, applicant_phone: rPhone!,
      applicant_address: `临淄区 ${rAddr}`, applicant_email: rMail!, applicant_contact: null, applicant_legal_rep: null,
      description: `申请公开 ${rDesc} 的审批材料`, purpose: null, format: 'electronic', delivery: 'online', submitted_on: '2023-06-01', received_on: '2023-06-01',
      due_on: '2023-06-29', consultation_until: null, decision: null, decided_on: null, on_time: null, working_days: null, query_code_hash: 'x'.repeat(64),
      created_by: '网上申请', created_at: at, updated_at: at,
    }).returning('id').executeTakeFirstOrThrow()).id;
    await db.insertInto('info_request_events').values({ request_id: requestId, seq: 1, type: 'received', on_date: '2023-06-01', days: null, outcome: null, note: null, data_json: null, actor_label: '测试', created_at: at }).execute();
    // The same request released to the 公开答复库 with a staff-written summary: the portal shows the summary only.
    await db.updateTable('info_requests').set({ state: 'closed', decision: 'disclosed', decided_on: '2023-06-10' }).where('id', '=', requestId).execute();
    await db.insertInto('info_request_public_replies').values({ request_id: requestId, area_id: h.areaId, summary: '某项目的审批材料', published_on: '2023-06-12', published_by: '测试', created_at: at }).execute();
    writeFileSync(join(uploads, 'crawler-request'), `申请附件 ${rFile}`);
    await db.insertInto('info_request_files').values({ request_id: requestId, role: 'application', file_name: `${rFile}.txt`, mime: 'text/plain; charset=utf-8', size: 20, storage_key: 'crawler-request', sha256: '0'.repeat(64), text: `申请附件 ${rFile}`, created_at: at }).execute();
    // A 征求意见函 to a third party (name, address, contact never public) and a released file of the reply delivered
    // 网上获取, holding a third party's personal data: downloadable with the 查询码 only.
    extraHidden.push(...CONSULT_MARKERS, RELEASED_MARKER);
    await db.insertInto('info_request_consultations').values({
      request_id: requestId, area_id: h.areaId, event_seq: 1, party_kind: 'third_party', party_name: `第三方 ${CONSULT_MARKERS[0]}`, party_address: `地址 ${CONSULT_MARKERS[1]}`, party_contact: CONSULT_MARKERS[2]!,
      matter: `商业秘密 ${CONSULT_MARKERS[3]}`, doc_number: '临淄依申征〔2023〕1号', sent_on: '2023-06-02', answer_due: '2023-06-26', answered_on: null, answer: null, answer_note: null,
      template: 'consultation.third_party', template_version: 1, title: '政府信息公开征求意见函', paragraphs_json: JSON.stringify({ paragraphs: [`第三方 ${CONSULT_MARKERS[0]}：`, `商业秘密 ${CONSULT_MARKERS[3]}`], unitName: '区住建局' }),
      created_by: '测试', created_at: at, updated_at: at,
    }).execute();
    const letter = await db.insertInto('info_request_letters').values({
      request_id: requestId, kind: 'reply', template: 'reply.disclosed', template_version: 1, doc_number: '临淄依申答〔2023〕1号', decision: 'disclosed', issued_on: '2023-06-10', input_json: '{}',
      title: '政府信息公开申请答复书', paragraphs_json: JSON.stringify({ paragraphs: ['答复正文'], annex: null, unitName: '区住建局' }), created_by: '测试', created_at: at,
    }).returning('id').executeTakeFirstOrThrow();
    mkdirSync(join(uploads, 'requests'), { recursive: true });
    writeFileSync(join(uploads, 'requests', 'crawler-released'), `审批材料 第三方身份证 ${RELEASED_MARKER}`);
    releasedFileId = (await db.insertInto('info_request_files').values({ request_id: requestId, role: 'reply', file_name: '审批材料.txt', mime: 'text/plain; charset=utf-8', size: 40, storage_key: 'crawler-released', sha256: '0'.repeat(64), text: `审批材料 第三方身份证 ${RELEASED_MARKER}`, created_at: at }).returning('id').executeTakeFirstOrThrow()).id;
    await db.insertInto('info_request_deliveries').values({ request_id: requestId, letter_id: letter.id, method: 'online', delivered_on: '2023-06-11', tracking_number: null, note: null, created_by: '测试', created_at: '2023-06-11T00:00:00.000Z' }).execute();
    const { hashCode } = await import('../requests/intake.service.js');
    await db.updateTable('info_requests').set({ query_code_hash: hashCode(QUERY_CODE) }).where('id', '=', requestId).execute();
    // 政策问答: draft and in-review entries, an unpublished reply, and the private contacts of messages.
    for (const [status, m] of [['draft', QA_MARKERS.draft], ['review', QA_MARKERS.review]] as const) {
      const e = await db.insertInto('qa_entries').values({ area_id: h.areaId, question: `住房保障 ${m}`, answer: `保障性租赁住房 ${m}`, alt_questions: m, topics: '住房', audience: '个人', form: 'text',
        owner_unit_id: unit, reviewer_id: null, reviewed_on: null, next_review_on: null, status, suspended_reason: null, from_item_id: null, from_message_id: null, created_by: null, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('qa_entry_sources').values({ entry_id: e.id, item_id: pub, article: 1, sort: 0 }).execute();
      qaEntryIds.push(e.id);
    }
    const qaMedia = join(uploads, 'qa');
    mkdirSync(qaMedia, { recursive: true });
    const addMedia = async (entryId: number, key: string, description: string, content: string) => {
      writeFileSync(join(qaMedia, key), content);
      return (await db.insertInto('qa_entry_media').values({ entry_id: entryId, area_id: h.areaId, kind: 'image', format: 'svg', mime: 'image/svg+xml', file_name: `${key}.svg`, size: content.length,
        storage_key: key, sha256: '1'.repeat(64), description, sort: 1, created_by: null, created_at: at }).returning('id').executeTakeFirstOrThrow()).id;
    };
    for (const [i, entryId] of qaEntryIds.entries()) {
      qaHiddenMediaIds.push(await addMedia(entryId, `crawler-qa-${i}`, `图解文字说明 ${QA_MARKERS.mediaText}`, `<svg xmlns="http://www.w3.org/2000/svg"><text>${QA_MARKERS.mediaFile}</text></svg>`));
    }
    qaPublicEntryId = (await db.insertInto('qa_entries').values({ area_id: h.areaId, question: '保障性租赁住房图解', answer: '保障性租赁住房工作按通知办理。', alt_questions: '', topics: '住房', audience: '个人', form: 'graphic',
      owner_unit_id: unit, reviewer_id: null, reviewed_on: '2023-06-02', next_review_on: null, status: 'published', suspended_reason: null, from_item_id: null, from_message_id: null, created_by: null, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow()).id;
    await db.insertInto('qa_entry_sources').values({ entry_id: qaPublicEntryId, item_id: pub, article: 1, sort: 0 }).execute();
    qaPublicMediaId = await addMedia(qaPublicEntryId, 'crawler-qa-public', '公开的图解文字说明：保障性租赁住房申请流程分三步。', '<svg xmlns="http://www.w3.org/2000/svg"><text>lkqqapublicmediaok</text></svg>');
    const msg = (over: Record<string, unknown>) => ({ area_id: h.areaId, question: '住房保障咨询', contact_name: QA_MARKERS.name, contact: `${QA_MARKERS.contact}@example.com`, unit_id: unit, assigned_unit_id: unit,
      assignee_id: null, status: 'answered' as const, received_on: '2023-06-01', due_on: '2023-06-08', consent: 1, reply: null, replied_at: at, replied_by: null, public_question: null, public_reply: null, published: 0, escalated_at: null, created_at: at, ...over });
    await db.insertInto('qa_messages').values(msg({ question: `住房保障 ${QA_MARKERS.question}`, reply: `保障性租赁住房 ${QA_MARKERS.reply}`, consent: 0 })).execute();
    const published = { contact_name: QA_MARKERS.name, contact: `${QA_MARKERS.contact}@example.com` };
    const q = `我是${QA_MARKERS.name}，电话13953312345，问保障性租赁住房`;
    await db.insertInto('qa_messages').values(msg({ question: q, reply: '保障性租赁住房常年受理。', public_question: redact(q, published), public_reply: '保障性租赁住房常年受理。', published: 1 })).execute();
  });
  after(async () => { await h.close(); });

  const extraHidden: string[] = [];
  const hidden = () => [...KINDS.filter((k) => k !== 'public').flatMap((k) => markers.get(k)!), draftIssueMarker, ...requestMarkers, ...Object.values(QA_MARKERS), ...extraHidden];

  async function fetch(url: string) {
    if (visited.has(url)) return visited.get(url)!;
    const r = await h.agent().get(url);
    const v = { status: r.statusCode, body: r.body };
    visited.set(url, v);
    return v;
  }

  /** Fails on any hidden marker in the response; `echo` is the query the page may repeat back. */
  function assertClean(url: string, body: string, echo?: string) {
    const text = echo ? body.split(echo).join('') : body;
    for (const m of hidden()) assert.ok(!text.includes(m), `hidden marker ${m} leaked at ${url}`);
  }

  const linksOf = (base: string, body: string): string[] => {
    const out: string[] = [];
    for (const m of body.matchAll(/(?:href|src|action)="([^"]*)"|<(?:loc|link|guid[^>]*)>([^<]+)</g)) {
      const raw = (m[1] ?? m[2] ?? '').replace(/&amp;/g, '&').replace(/&quot;/g, '"');
      let u: URL;
      try { u = new URL(raw, `http://localhost${base}`); } catch { continue; }
      if (u.host !== 'localhost' && u.host !== 'localhost:80') continue;
      const path = u.pathname + u.search;
      if (/^\/(console|login|logout|preferences|static)\b/.test(path)) continue;
      out.push(path);
    }
    return out;
  };

  test('breadth-first crawl from /, the sitemap and the feeds finds only public content', async () => {
    const queue = ['/', '/sitemap.xml', '/feed.xml', '/robots.txt', '/collections/crawl', '/gazette/2023/6', '/gazette/2023/7', '/requests/new', '/requests/status'];
    const seen = new Set(queue);
    while (queue.length && seen.size < 3000) {
      const url = queue.shift()!;
      const r = await fetch(url);
      assertClean(url, r.body);
      assert.ok(r.status < 500, `${url}: ${r.status}`);
      for (const link of linksOf(url.split('?')[0]!, r.body)) {
        if (!seen.has(link)) { seen.add(link); queue.push(link); }
      }
    }
    assert.ok(seen.size > 60, `crawled ${seen.size} URLs`);
    const pub = ids.get('public')!;
    const [t] = markers.get('public')!;
    assert.ok(seen.has(`/items/${pub}`), 'the public item is linked');
    assert.ok(visited.get('/')!.body.includes(t!), 'home lists the public item');
    assert.ok(visited.get('/feed.xml')!.body.includes(t!), 'feed carries the public item');
    assert.match(visited.get('/sitemap.xml')!.body, new RegExp(`/items/${pub}<`));
    assert.equal(visited.get('/gazette/2023/7')!.status, 404, 'draft gazette issue');
    assert.ok(visited.get('/gazette/2023/6')!.body.includes(t!));
    for (const k of KINDS.filter((x) => x !== 'public')) assert.ok(!seen.has(`/items/${ids.get(k)}`), `no link to the ${k} item`);
    const unit = await h.unitId('区住建局');
    for (const p of ['/zfxxgk', `/zfxxgk/${unit}`, `/zfxxgk/${unit}/guide`, `/zfxxgk/${unit}/rules`, `/zfxxgk/${unit}/statutory`, `/zfxxgk/${unit}/reports`, `/zfxxgk/${h.areaId}/guide`, '/contact']) {
      assert.ok(seen.has(p), `the crawl reached ${p}`);
    }
  });

  test('feeds for every category carry only public items', async () => {
    const codes = ['zcwj', 'zcwj-gfxwj', 'zcjd', 'qt', 'jgzn'];
    for (const c of codes) {
      const r = await fetch(`/feed/${c}.xml`);
      assert.equal(r.status, 200);
      assertClean(`/feed/${c}.xml`, r.body);
    }
    assert.ok(visited.get('/feed/zcwj.xml')!.body.includes(markers.get('public')![0]!), 'parent category feed includes sub-categories');
    assert.equal((await fetch('/feed/nosuchcat.xml')).status, 404);
  });

  test('searching for every marker (page and API) finds nothing hidden; the public item is found by title, body and attachment', async () => {
    for (const kind of KINDS) {
      for (const m of markers.get(kind)!.slice(0, 3)) {
        for (const url of [`/search?q=${m}`, `/search?q=${m}&sort=date`, `/api/v1/public/search?q=${m}`]) {
          const r = await fetch(url);
          assert.equal(r.status, 200, url);
          assertClean(url, r.body, m);
          const isApi = url.startsWith('/api/');
          const found = isApi ? (JSON.parse(r.body) as { data: { total: number } }).data.total : (r.body.match(/class="gk-result"/g) ?? []).length;
          if (kind === 'public') assert.equal(found, 1, `${url} finds the public item`);
          else assert.equal(found, 0, `${url} finds nothing`);
        }
      }
    }
    // Exact lookups by 文号 and the filters-only listing cannot reach hidden items either.
    for (let i = 0; i < KINDS.length; i++) {
      const url = `/search?q=${encodeURIComponent(`临住建字[2023]${i + 1}号`)}`;
      const r = await fetch(url);
      assertClean(url, r.body);
      assert.equal((r.body.match(/class="gk-result"/g) ?? []).length, KINDS[i] === 'public' ? 1 : 0, url);
    }
    for (const url of ['/search?q=&type=normative', '/search?q=&type=interpretation', '/api/v1/public/search?q=&validity=valid', '/search?q=住房保障', '/api/v1/public/items', '/api/v1/public/items?type=interpretation']) {
      const r = await fetch(url);
      assert.equal(r.status, 200, url);
      assertClean(url, r.body);
    }
  });

  test('guessing every item and attachment id gets 404 for hidden ones, with nothing in the message', async () => {
    const all = await h.tdb.db.selectFrom('info_items').select('id').execute();
    for (const { id } of all) {
      const isPublic = id === ids.get('public');
      for (const url of [`/items/${id}`, `/items/${id}?print=1`, `/api/v1/public/items/${id}`]) {
        const r = await fetch(url);
        assertClean(url, r.body);
        assert.equal(r.status, isPublic ? 200 : 404, url);
      }
    }
    for (const [i, id] of attachmentIds.entries()) {
      const r = await fetch(`/attachments/${id}`);
      assertClean(`/attachments/${id}`, r.body);
      assert.equal(r.status, KINDS[i] === 'public' ? 200 : 404, `/attachments/${id} (${KINDS[i]})`);
    }
    const pubAttachment = await fetch(`/attachments/${attachmentIds[0]}`);
    assert.ok(pubAttachment.body.includes(markers.get('public')![2]!), 'the public attachment downloads');
    for (const url of ['/items/0', '/items/abc', '/items/99999999', '/attachments/99999999', '/api/v1/public/items/abc', '/units/99999', '/collections/nope', '/gazette/2023/99', '/catalog?year=abc', '/search?year=abc']) {
      const r = await fetch(url);
      assert.ok(r.status === 404 || r.status === 400, `${url}: ${r.status}`);
      assertClean(url, r.body);
    }
  });

  test('the public item page links its public context but not the hidden interpretation or replacement', async () => {
    const r = await fetch(`/items/${ids.get('public')}`);
    assert.equal(r.status, 200);
    assertClean('public item', r.body);
    assert.ok(!r.body.includes(`/items/${ids.get('interp_draft')}`));
    assert.ok(!r.body.includes(`/items/${ids.get('draft')}`));
    const col = await fetch('/collections/crawl');
    assert.equal((col.body.match(/<li><a href="\/items\//g) ?? []).length, 1, 'the collection shows only the public item');
  });

  test('annual reports: only published versions are public; drafts, unpublished corrections and applicants never appear', async () => {
    const { saveReport, transition } = await import('../report/report.service.js');
    const { addEvent, createRequest } = await import('../requests/requests.service.js');
    const hc = await h.unitId('区住建局');
    const fin = await h.unitId('区财政局');
    const applicant = 'lkqapplicantmark';
    const r1 = await createRequest(h.ctx, { unit: hc, channel: 'in_person', receivedOn: '2022-03-01', applicant: { type: 'natural', name: `张${applicant}`, phone: '13912345678' }, description: `申请内容 lkqdescriptionmark` });
    await addEvent(h.ctx, r1.id, { type: 'replied', on: '2022-03-05', outcome: 'disclosed' });
    const r2 = await createRequest(h.ctx, { unit: fin, channel: 'in_person', receivedOn: '2022-04-01', applicant: { type: 'commercial', name: `某公司${applicant}` }, description: '预算' });
    await addEvent(h.ctx, r2.id, { type: 'replied', on: '2022-04-06', outcome: 'disclosed' });
    const text = (m: string) => `住房保障信息更新不够及时，部分办事指南要素不全。改进措施：建立每月核查制度，年底前完成复核。${m}`;
    const explanations = { 'cross.carry_over': '上年无结转。', 'cross.normative_in_force': '上年无现行有效文件。' };
    const c = await saveReport(h.ctx, { year: '2022', unit: hc }, { permits: 1, penalties: 0, coercions: 0, feesWan: '0', problemsText: text('lkqpublishedreportmark'), explanations });
    for (const a of ['sign_off', 'file', 'publish'] as const) await transition(h.ctx, c.row!.id, a);
    await transition(h.ctx, c.row!.id, 'correct', { changeNote: '更正说明 lkqcorrectionnotemark' });
    await saveReport(h.ctx, { year: '2022', unit: hc }, { permits: 2, penalties: 0, coercions: 0, feesWan: '0', problemsText: text('lkqcorrectionmark'), changeNote: '更正说明 lkqcorrectionnotemark', explanations });
    const d = await saveReport(h.ctx, { year: '2022', unit: fin }, { permits: 1, penalties: 0, coercions: 0, feesWan: '0', problemsText: text('lkqdraftreportmark'), explanations });
    const secret = [applicant, 'lkqdescriptionmark', '13912345678', 'lkqcorrectionmark', 'lkqcorrectionnotemark', 'lkqdraftreportmark'];
    const clean = (url: string, body: string) => { for (const m of [...secret, ...hidden()]) assert.ok(!body.includes(m), `${m} leaked at ${url}`); };
    const queue = ['/', '/reports/annual'];
    const seen = new Set(queue);
    while (queue.length) {
      const url = queue.shift()!;
      const r = await h.agent().get(url);
      clean(url, r.body);
      if (!/^\/(reports|api\/v1\/public\/reports)/.test(url) && url !== '/') continue;
      for (const link of linksOf(url.split('?')[0]!, r.body)) if (!seen.has(link) && /^\/(reports|api\/v1\/public\/reports)/.test(link)) { seen.add(link); queue.push(link); }
    }
    assert.ok(seen.has(`/reports/annual/${c.row!.id}`), 'the published report is linked from the column');
    assert.ok([...seen].some((u) => u.startsWith('/api/v1/public/reports/annual')), 'its JSON is linked');
    const pub = await h.agent().get(`/reports/annual/${c.row!.id}`);
    assert.ok(pub.body.includes('lkqpublishedreportmark'), 'the published version is shown');
    const docx = await h.agent().get(`/reports/annual/${c.row!.id}/report.docx`);
    assert.equal(docx.statusCode, 200);
    for (const m of secret) assert.ok(!docx.rawPayload.includes(Buffer.from(m)), `${m} in the .docx`);
    for (const url of [`/reports/annual/${d.row!.id}`, `/reports/annual/${d.row!.id}/report.docx`, `/reports/annual/${c.row!.id}?version=2`, `/api/v1/public/reports/annual?year=2022&unit=${encodeURIComponent('区财政局')}`,
      `/api/v1/public/reports/annual?year=2022&unit=${hc}&version=2`, '/reports/annual/99999', '/reports/annual/abc', `/api/v1/reports/annual?year=2022&unit=${hc}`]) {
      const r = await h.agent().get(url);
      clean(url, r.body);
      assert.ok(r.statusCode === 404 || r.statusCode === 401, `${url}: ${r.statusCode}`);
    }
  });

  test('requests: applicant name, ID number, phone, address, e-mail, description and files are on no public page, search or API', async () => {
    assert.ok(visited.has('/requests/new') && visited.get('/requests/new')!.status === 200, 'the form was crawled');
    assert.ok(visited.has(`/requests/replies/${requestId}`), 'the public reply was crawled');
    assert.match(visited.get(`/requests/replies/${requestId}`)!.body, /某项目的审批材料/);
    for (const m of requestMarkers) {
      for (const url of [`/search?q=${encodeURIComponent(m)}`, `/api/v1/public/search?q=${encodeURIComponent(m)}`]) {
        const r = await fetch(url);
        assertClean(url, r.body, m);
      }
    }
    for (const url of [`/api/v1/requests/${requestId}`, `/api/v1/requests/${requestId}/events`, '/api/v1/requests/appeals', `/console/requests/${requestId}/fee`, `/console/requests/${requestId}/fee-notice/1`]) {
      const r = await fetch(url);
      assert.ok(r.status === 401 || r.status === 303 || r.status === 404, `${url}: ${r.status}`);
      assertClean(url, r.body);
    }
    // The status page with a wrong code, and the receipt without one, show nothing of the request.
    const a = h.agent();
    await a.get('/requests/status');
    for (const code of ['xxxxx-xxxxx', '', requestMarkers[0]!]) {
      for (const url of ['/requests/status', '/requests/status/receipt']) {
        const r = await a.request('POST', url, { form: { code } });
        assert.equal(r.statusCode, 400, `${url} ${code}`);
        assertClean(url, r.body, code || undefined);
      }
    }
  });

  test('requests: the 征求意见函 and its third party, and the released files, are reachable by no URL; with the 查询码 the applicant gets the files only', async () => {
    for (const url of [`/console/requests/${requestId}/consultations/1`, `/console/requests/${requestId}/consultations/1/docx`, `/console/requests/${requestId}/files/${releasedFileId}`,
      `/requests/status/file?code=${QUERY_CODE}&file=${releasedFileId}`, `/requests/replies/${requestId}/files/${releasedFileId}`, `/requests/status/file/${releasedFileId}`, `/requests/files/${releasedFileId}`, `/requests/download/${QUERY_CODE}`, `/requests/download/${QUERY_CODE}/files/${releasedFileId}`,
      `/api/v1/requests/${requestId}/consultations`, ...CONSULT_MARKERS.map((m) => `/search?q=${m}`), `/search?q=${RELEASED_MARKER}`, `/api/v1/public/search?q=${RELEASED_MARKER}`]) {
      const r = await fetch(url);
      assert.ok(r.status === 401 || r.status === 303 || r.status === 404 || r.status === 200, `${url}: ${r.status}`);
      if (r.status === 200) assert.ok(url.includes('search'), `${url} answered 200`);
      assertClean(url, r.body, /[?]q=([a-z]+)$/.exec(url)?.[1]);
    }
    const a = h.agent();
    await a.get('/requests/status');
    for (const form of [{ code: 'ZZZZZ-ZZZZZ', file: String(releasedFileId) }, { code: '', file: String(releasedFileId) }, { code: CONSULT_MARKERS[0]!, file: String(releasedFileId) }]) {
      const r = await a.request('POST', '/requests/status/file', { form });
      assert.equal(r.statusCode, 400, JSON.stringify(form));
      assertClean('/requests/status/file', r.body, form.code || undefined);
    }
    // The applicant with the code: the status page lists the file, shows no applicant or third-party data, and is not cached.
    const page = await a.request('POST', '/requests/status', { form: { code: QUERY_CODE } });
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['cache-control']), /no-store/);
    assert.match(page.body, /下载 审批材料\.txt/);
    assertClean('/requests/status (with the code)', page.body);
    const file = await a.request('POST', '/requests/status/file', { form: { code: QUERY_CODE, file: String(releasedFileId) } });
    assert.equal(file.statusCode, 200);
    assert.match(String(file.headers['cache-control']), /no-store/);
    assert.ok(file.body.includes(RELEASED_MARKER), 'the released file itself, for the applicant');
    for (const m of [...requestMarkers, ...CONSULT_MARKERS]) assert.ok(!file.body.includes(m), `${m} in the released file answer`);
    const letter = await a.request('POST', '/requests/status/letter', { form: { code: QUERY_CODE } });
    assert.equal(letter.statusCode, 200);
    for (const m of CONSULT_MARKERS) assert.ok(!letter.rawPayload.includes(Buffer.from(m)), `${m} in the reply letter`);
  });

  test('政策问答: drafts, entries in review, unpublished replies and message contacts never reach /ask, /qa, /consult or the answers API', async () => {
    const urls = ['/ask', '/qa', '/consult', '/consult/new', `/qa?q=${encodeURIComponent('住房保障')}`, `/ask?q=${encodeURIComponent('住房保障')}`, `/api/v1/public/answers?q=${encodeURIComponent('保障性租赁住房')}`,
      ...Object.values(QA_MARKERS).flatMap((m) => [`/ask?q=${m}`, `/qa?q=${m}`, `/api/v1/public/answers?q=${m}`]), ...qaEntryIds.map((id) => `/qa/${id}`)];
    for (const url of urls) {
      const r = await fetch(url);
      assert.ok(r.status < 500, `${url}: ${r.status}`);
      assertClean(url, r.body, /[?]q=([a-z]+)$/.exec(url)?.[1]);
      if (url.startsWith('/api/')) for (const a of (JSON.parse(r.body) as { answers?: { text: string }[] }).answers ?? []) for (const m of hidden()) assert.ok(!a.text.includes(m), `${url}: ${m} in an answer`);
    }
    for (const id of qaEntryIds) assert.equal((await fetch(`/qa/${id}`)).status, 404);
    assert.match((await fetch('/consult')).body, /保障性租赁住房常年受理/, 'the published reply is shown');
    for (const url of ['/qa/0', '/qa/abc', '/qa/99999999']) assert.ok([400, 404].includes((await fetch(url)).status), url);
  });

  test('政策问答 图解/视频: the files and 文字说明 of draft and in-review entries are never reachable; a published entry\'s are', async () => {
    // Start from the public pages and follow every link (img/video src included).
    const queue = ['/qa', `/qa/${qaPublicEntryId}`, ...qaEntryIds.map((id) => `/qa/${id}`)];
    const seen = new Set(queue);
    while (queue.length) {
      const url = queue.shift()!;
      const r = await fetch(url);
      assert.ok(r.status < 500, `${url}: ${r.status}`);
      assertClean(url, r.body);
      for (const link of linksOf(url.split('?')[0]!, r.body)) if (link.startsWith('/qa') && !seen.has(link)) { seen.add(link); queue.push(link); }
    }
    assert.ok(seen.has(`/qa/media/${qaPublicMediaId}`), 'the published entry links its image');
    const shown = await fetch(`/qa/${qaPublicEntryId}`);
    assert.equal(shown.status, 200);
    assert.match(shown.body, /公开的图解文字说明/);
    const file = await fetch(`/qa/media/${qaPublicMediaId}`);
    assert.equal(file.status, 200);
    assert.match(file.body, /lkqqapublicmediaok/);
    // Guessing: every media id around the planted ones, and nonsense ids.
    const maxId = Math.max(qaPublicMediaId, ...qaHiddenMediaIds);
    for (let id = 1; id <= maxId + 5; id++) {
      const r = await fetch(`/qa/media/${id}`);
      if (id === qaPublicMediaId) continue;
      assert.equal(r.status, 404, `/qa/media/${id}`);
      assertClean(`/qa/media/${id}`, r.body);
    }
    for (const id of qaHiddenMediaIds) assert.ok(!seen.has(`/qa/media/${id}`), `no link to hidden medium ${id}`);
    for (const url of ['/qa/media/0', '/qa/media/abc', '/qa/media/-1', '/qa/media/99999999']) assert.ok([400, 404].includes((await fetch(url)).status), url);
    // Searching for the markers finds nothing either.
    for (const m of [QA_MARKERS.mediaText, QA_MARKERS.mediaFile]) {
      for (const url of [`/qa?q=${m}`, `/ask?q=${m}`, `/api/v1/public/answers?q=${m}`, `/search?q=${m}`]) {
        const r = await fetch(url);
        assert.ok(r.status < 500, url);
        assertClean(url, r.body, m);
      }
    }
  });
});

// Decisions and public participation: withheld and pending comments, commenters' names and contacts,
// sign-up contacts (列席, 开放日) and names without consent must never reach an anonymous user.
describe('no private participation data reaches anonymous users (crawler: decisions, consultations, 列席, 开放日)', () => {
  let h: Harness;
  const secret = (s: string) => `lkp${s}secret`;
  const SECRETS = ['withheldtext', 'pendingtext', 'commentername', 'commentercontact', 'meetingcontact', 'meetingname', 'opendaycontact', 'opendayname', 'groupwithheld', 'cancelname', 'cancelmail'].map(secret);
  const visited = new Map<string, { status: number; body: string }>();
  let consultationId = 0;
  let cancelUrl = '';

  before(async () => {
    const { setNowForTests } = await import('../lib/time.js');
    const svc = await import('../decisions/consultations.service.js');
    const cat = await import('../decisions/catalog.service.js');
    const part = await import('../decisions/participation.service.js');
    setNowForTests(new Date('2026-12-01T04:00:00Z'));
    h = await createHarness();
    const admin = { ...h.ctx };
    const anon = { ...h.ctx, actor: { kind: 'anonymous' as const, areaId: null } };
    const d = await cat.createDecision(admin, { year: 2026, name: '城区停车管理办法', category: '1', decisionBody: '区人民政府', leadUnit: '区住建局', plannedOn: '2026-12-31', hearing: false, steps: 'public,legality,collective' });
    const c = await svc.createConsultation(admin, { title: '城区停车管理办法征求意见', kind: 'major_decision', unit: '区住建局', opensOn: '2026-11-01', closesOn: '2026-12-01', decisionId: d.id });
    consultationId = c.id;
    const pub = await svc.submitComment(anon, c.id, { text: '建议夜间开放机关停车场。', name: secret('commentername'), contact: secret('commentercontact') });
    const withheld = await svc.submitComment(anon, c.id, { text: `广告 ${secret('withheldtext')}`, contact: secret('commentercontact') });
    await svc.submitComment(anon, c.id, { text: `待审核 ${secret('pendingtext')}` });
    for (let i = 0; i < 3; i++) await svc.submitComment(anon, c.id, { text: '请保留老城区路边停车位，居民停车难。' });
    await svc.submitComment(anon, c.id, { text: `请保留老城区路边停车位，居民停车难。${secret('groupwithheld')}` });
    await svc.moderateComment(admin, pub.id, { action: 'verbatim' });
    await svc.moderateComment(admin, withheld.id, { action: 'withhold', reason: 'advertising' });
    await svc.regroup(admin, c.id);
    const m = await part.createMeeting(admin, { title: '常务会议列席', decisionId: d.id, meetingOn: '2026-12-20', signupOpensOn: '2026-11-20', signupClosesOn: '2026-12-10', seats: 1, rules: '随机抽取' });
    await part.signUpForMeeting(anon, m.id, { name: secret('meetingname'), contact: secret('meetingcontact'), category: 'public', reason: '关心停车', consent: false });
    const od = await part.createOpenDay(admin, { title: '开放日', unit: '区住建局', heldOn: '2026-12-20', place: '区住建局', capacity: 1, signupClosesOn: '2026-12-10' });
    await part.signUpForOpenDay(anon, od.id, { name: secret('opendayname'), contact: secret('opendaycontact') });
    await part.signUpForOpenDay(anon, od.id, { name: secret('opendayname'), contact: secret('opendaycontact') });
    // A sign-up with an e-mail address: its confirmation carries the self-service cancellation link.
    await part.signUpForOpenDay(anon, od.id, { name: secret('cancelname'), contact: `13900001111 ${secret('cancelmail')}@example.cn` });
    const mail = await h.tdb.db.selectFrom('outbox').select('body').where('to_addr', '=', `${secret('cancelmail')}@example.cn`).executeTakeFirstOrThrow();
    cancelUrl = /\/open-days\/cancel\?token=[A-Za-z0-9_-]+/.exec(mail.body)![0];
  });
  after(async () => {
    (await import('../lib/time.js')).setNowForTests(null);
    await h.close();
  });

  const assertClean = (url: string, body: string) => {
    for (const s of SECRETS) assert.ok(!body.includes(s), `private ${s} leaked at ${url}`);
  };

  test('crawl from / and /decisions, the public API and guessed ids: no private participation data', async () => {
    const queue = ['/', '/decisions', `/consultations/${consultationId}`, `/api/v1/public/consultations/${consultationId}`, '/api/v1/public/decisions', cancelUrl, '/open-days/cancel?token=x'];
    for (let id = 1; id <= 3; id++) {
      queue.push(`/meetings/${id}`, `/open-days/${id}`, `/decisions/${id}`, `/consultations/${id}`, `/consultations/${id}/feedback`,
        `/api/v1/public/meetings/${id}`, `/api/v1/public/open-days/${id}`, `/api/v1/public/consultations/${id}`, `/api/v1/public/consultations/${id}/feedback`);
    }
    const seen = new Set(queue);
    while (queue.length && seen.size < 2000) {
      const url = queue.shift()!;
      if (visited.has(url)) continue;
      const r = await h.agent().get(url);
      visited.set(url, { status: r.statusCode, body: r.body });
      assert.ok(r.statusCode < 500, `${url}: ${r.statusCode}`);
      assertClean(url, r.body);
      for (const m of r.body.matchAll(/href="([^"]*)"/g)) {
        const raw = m[1]!.replace(/&amp;/g, '&');
        if (!raw.startsWith('/') || /^\/(console|login|logout|preferences|static)\b/.test(raw)) continue;
        const link = raw.split('#')[0]!;
        if (!seen.has(link)) { seen.add(link); queue.push(link); }
      }
    }
    assert.ok(seen.has('/decisions'), 'the portal links the decisions pages');
    assert.ok(visited.get(`/consultations/${consultationId}`)!.body.includes('建议夜间开放机关停车场'), 'published comments are shown');
    assert.ok([...seen].some((u) => u.startsWith('/meetings/')) && [...seen].some((u) => u.startsWith('/open-days/')), 'meeting and open day pages are linked');
    const counters = JSON.parse(visited.get(`/api/v1/public/consultations/${consultationId}`)!.body);
    assert.equal(counters.received, counters.published + counters.withheld);
    assert.equal(visited.get(cancelUrl)!.status, 200, 'the cancellation page was crawled with a live token');
    assert.match(visited.get(cancelUrl)!.body, /您的报名/);
  });

  test('the cancellation pages (before, after and replayed) show no personal data', async () => {
    const a = h.agent();
    const before = await a.get(cancelUrl);
    assertClean(cancelUrl, before.body);
    const done = await a.request('POST', '/open-days/cancel', { form: { token: new URL(cancelUrl, 'http://x').searchParams.get('token')! } });
    assert.equal(done.statusCode, 303);
    const landing = await a.get(String(done.headers.location));
    assertClean(String(done.headers.location), landing.body);
    const used = await a.get(cancelUrl);
    assert.equal(used.statusCode, 410);
    assertClean(`${cancelUrl} (used)`, used.body);
  });
});
