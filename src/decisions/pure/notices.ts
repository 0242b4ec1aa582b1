// Texts of the notices to 列席 attendees and 开放日 sign-ups. Pure: one recipient's own name and sign-up
// number, the event's date, place and what to bring — nothing about anyone else.

export type NoticeEvent = 'selected' | 'confirmed' | 'waiting' | 'cancelled' | 'changed';
export const NOTICE_EVENT_LABELS: Record<NoticeEvent, string> = {
  selected: '入选列席', confirmed: '报名确认', waiting: '进入候补', cancelled: '报名取消', changed: '安排变更',
};

/** The first e-mail address in a free-text contact ("13900000000 / wang@example.cn"), or null. */
export function emailOf(contact: string): string | null {
  const m = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/.exec(contact);
  return m ? m[0] : null;
}

export type Recipient = { id: number; name: string };
export type MeetingFacts = { id: number; title: string; meetingOn: string; place: string | null; bring: string | null; method: 'draw' | 'manual' | null };
export type OpenDayFacts = { id: number; title: string; heldOn: string; place: string; bring: string | null; unit: string };
export type NoticeText = { subject: string; body: string };

const DEFAULT_BRING = '本人有效身份证件';
const link = (base: string | null, path: string) => (base ? `${base}${path}` : null);

function compose(r: Recipient, lead: string, facts: [string, string][], closing: string[], sender: string): string {
  return [
    `${r.name.trim()}：`, '', lead, '',
    ...facts.map(([k, v]) => `${k}：${v}`),
    `报名编号：${r.id}`,
    '', ...closing, ...(closing.length ? [''] : []), sender,
  ].join('\n');
}

export function meetingNotice(event: 'selected' | 'changed', m: MeetingFacts, r: Recipient, base: string | null): NoticeText {
  const how = m.method === 'draw' ? '经公开随机抽取' : m.method === 'manual' ? '经遴选' : '';
  const lead = event === 'selected'
    ? `您报名列席的“${m.title}”，${how}，您已入选列席人员。`
    : `您入选列席的“${m.title}”会议安排有变更，以本通知为准。`;
  const page = link(base, `/meetings/${m.id}`);
  return {
    subject: `${event === 'selected' ? '列席会议通知' : '列席会议安排变更'}：${m.title}`,
    body: compose(r, lead, [['会议日期', m.meetingOn], ['会议地点', m.place ?? '另行通知'], ['请携带', m.bring ?? DEFAULT_BRING]],
      ['请提前15分钟到达，凭报名编号和身份证件入场。如不能出席，请尽早告知。', ...(page ? [`遴选结果：${page}`] : [])], '区人民政府办公室（政务公开办）'),
  };
}

export function openDayNotice(event: Exclude<NoticeEvent, 'selected'>, d: OpenDayFacts, r: Recipient, base: string | null, position?: number): NoticeText {
  const lead = {
    confirmed: `您报名参加的政府开放日活动“${d.title}”已确认。`,
    waiting: `政府开放日活动“${d.title}”名额已满，您已进入候补名单${position ? `（第${position}位）` : ''}。有人取消时按报名顺序递补，递补后另行通知。`,
    cancelled: `您报名参加的政府开放日活动“${d.title}”的报名已取消。如有疑问，请与${d.unit}联系。`,
    changed: `您报名参加的政府开放日活动“${d.title}”安排有变更，以本通知为准。`,
  }[event];
  const facts: [string, string][] = [['活动日期', d.heldOn], ['地点', d.place]];
  if (event !== 'cancelled') facts.push(['请携带', d.bring ?? DEFAULT_BRING]);
  const page = link(base, `/open-days/${d.id}`);
  const subject = { confirmed: '政府开放日报名确认', waiting: '政府开放日候补通知', cancelled: '政府开放日报名取消', changed: '政府开放日安排变更' }[event];
  return {
    subject: `${subject}：${d.title}`,
    body: compose(r, lead, facts, [...(event === 'confirmed' || event === 'changed' ? ['如不能参加，请尽早告知，以便候补人员递补。'] : []), ...(page ? [`活动页面：${page}`] : [])], d.unit),
  };
}
