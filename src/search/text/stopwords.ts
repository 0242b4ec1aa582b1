/**
 * Function words that carry no topic in government text. Kept short on purpose: words like
 * 通知, 公告, 办法 look generic but users search for document types, so they stay searchable.
 * Used only for queries; the index keeps every word so phrase matching still lines up.
 */
export const STOPWORDS: ReadonlySet<string> = new Set([
  '的', '了', '和', '与', '及', '以及', '是', '在', '关于', '等', '或', '或者', '对', '对于',
  '为', '将', '把', '被', '由', '从', '向', '于', '之', '其', '该', '此', '这', '那', '这个',
  '那个', '有', '也', '并', '并且', '且', '而', '但', '就', '都', '又', '以', '及其', '即',
  '着', '过', '吗', '呢', '吧', '啊', '之一', '一个', '我们', '你们', '他们', '各', '个',
  'the', 'a', 'an', 'of', 'and', 'or', 'to', 'in', 'on', 'for',
]);
