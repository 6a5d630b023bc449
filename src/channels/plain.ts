/**
 * Markdown to text that reads well where nothing renders it (SMS, WhatsApp, Messenger, Telegram).
 * Replies are built from the knowledge base, whose check already refuses HTML and unsafe links, so this
 * only has to undo the markdown Reach itself writes: bold and italics, lists, headings, links.
 */
export function toPlainText(markdown: string): string {
  return markdown
    .split('\n')
    .map(plainLine)
    .join('\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function plainLine(line: string): string {
  let s = line
    .replace(/^\s{0,3}#{1,6}\s+/, '')
    .replace(/^\s{0,3}>\s?/, '')
    // Every list becomes "- " lines; numbered lists too, so they are never mistaken for a menu.
    .replace(/^(\s*)(?:[-*+]|\d{1,3}[.)])\s+/, '$1- ');
  s = links(s);
  s = s
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\*\*(\S(?:[^*]*\S)?)\*\*/g, '$1')
    .replace(/__(\S(?:[^_]*\S)?)__/g, '$1')
    .replace(/~~(\S(?:[^~]*\S)?)~~/g, '$1')
    // Single * or _ only around words, so URLs and "5 * 3" are left alone.
    .replace(/(^|[\s(])\*(\S(?:[^*]*\S)?)\*(?=$|[\s).,;:!?])/g, '$1$2')
    .replace(/(^|[\s(])_(\S(?:[^_]*\S)?)_(?=$|[\s).,;:!?])/g, '$1$2')
    .replace(/\\([\\`*_{}[\]()#+\-.!>~|])/g, '$1');
  return s;
}

/** `[label](url)` → "label: url", or just the URL (or number) when the label already says it. */
function links(line: string): string {
  return line
    .replace(/<((?:https?|mailto):[^>\s]+)>/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_whole, label: string, target: string) => {
      const bare = target.replace(/^(?:https?:\/\/|mailto:|tel:|sms:)/, '');
      if (/^(?:tel|sms):/.test(target)) return label;
      const same = label.replace(/^(?:https?:\/\/)/, '').replace(/\/$/, '') === bare.replace(/\/$/, '');
      return same ? target : `${label}: ${target}`;
    });
}
