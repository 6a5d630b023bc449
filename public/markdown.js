/*
 * Answers as written: the chat page renders the bot's Markdown itself, a small, strict subset, with every
 * character escaped first, so nothing in an answer can become markup. Plain browser JavaScript, no build
 * step; tests/web/markdown.test.ts runs this same file.
 */
/* global window */
'use strict';

(function () {
  /**
   * The renderer for a page: `numberLinks` are the numbers of contacts.yaml with their tel:/sms: links
   * (longest first), so every number in an answer is tappable.
   */
  function create(numberLinks) {
    function escapeRegExp(text) {
      return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }

    function escapeHtml(text) {
      return String(text).replace(/[&<>"']/g, function (c) {
        return '&#' + c.charCodeAt(0) + ';';
      });
    }

    // Links only to web pages, calls, texts and email: never javascript:, data: or anything else.
    const SAFE_HREF = /^(https?:\/\/|tel:|sms:|mailto:)/i;

    function link(href, html) {
      if (!SAFE_HREF.test(href)) return html;
      const external = /^https?:/i.test(href) ? ' target="_blank" rel="noopener noreferrer"' : '';
      return '<a href="' + escapeHtml(href) + '"' + external + '>' + html + '</a>';
    }

    /** Inline rules, tried at every position; the earliest match wins. `lead` is a character kept before it. */
    const INLINE = [
      {
        pattern: /\[([^\]\n]+)\]\(\s*([^\s()]+)\s*\)/,
        render: function (m) {
          return link(m[2], inline(m[1], true));
        },
      },
      {
        pattern: /\bhttps?:\/\/[^\s<>()]*[^\s<>().,;:!?'"]/,
        render: function (m, inLink) {
          return inLink ? escapeHtml(m[0]) : link(m[0], escapeHtml(m[0]));
        },
      },
      {
        pattern: /\*\*(?=\S)([^*\n]*?\S)\*\*|__(?=\S)([^_\n]*?\S)__/,
        render: function (m, inLink) {
          return '<strong>' + inline(m[1] || m[2], inLink) + '</strong>';
        },
      },
      {
        pattern: /(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?![\w*])|(^|[^\w_])_(?=\S)([^_\n]*?\S)_(?!\w)/,
        lead: true,
        render: function (m, inLink) {
          return '<em>' + inline(m[2] || m[4], inLink) + '</em>';
        },
      },
      {
        pattern: /`([^`\n]+)`/,
        render: function (m) {
          return '<code>' + escapeHtml(m[1]) + '</code>';
        },
      },
    ].concat(
      // Every number in an answer (contacts.yaml) is tappable: tel: to call, sms: (with its keyword) to text.
      numberLinks.map(function (n) {
        return {
          pattern: new RegExp('(^|[^\\w/.:+-])(' + escapeRegExp(n.number) + ')(?![\\w-])'),
          lead: true,
          render: function (m, inLink) {
            return inLink ? escapeHtml(m[2]) : link(n.href, escapeHtml(m[2]));
          },
        };
      }),
    );

    function inline(text, inLink) {
      let best = null;
      for (const rule of INLINE) {
        const m = rule.pattern.exec(text);
        if (!m) continue;
        const lead = rule.lead ? (m[1] !== undefined ? m[1] : m[3] || '').length : 0;
        const start = m.index + lead;
        if (!best || start < best.start) best = { m: m, rule: rule, start: start };
      }
      if (!best) return escapeHtml(text);
      const end = best.m.index + best.m[0].length;
      return (
        escapeHtml(text.slice(0, best.start)) +
        best.rule.render(best.m, inLink) +
        inline(text.slice(end), inLink)
      );
    }

    const LIST_ITEM = /^\s{0,3}([-*+]|(\d{1,9})[.)])\s+(.*)$/;
    const HEADING = /^\s{0,3}#{1,6}\s+(.*?)[\s#]*$/;

    /**
     * Paragraphs, bullet and numbered lists, headings (as bold lines), and line breaks as written. A list
     * ends at the first line that is not an item or indented under one, so a paragraph written right after
     * a list (without a blank line) stays a paragraph instead of joining the last bullet.
     */
    function markdownToHtml(markdown) {
      const out = [];
      let paragraph = [];
      let list = null;
      const closeParagraph = function () {
        if (paragraph.length) out.push('<p>' + paragraph.map((l) => inline(l)).join('<br>') + '</p>');
        paragraph = [];
      };
      const closeList = function () {
        if (!list) return;
        const open = list.ordered ? (list.start !== 1 ? '<ol start="' + list.start + '">' : '<ol>') : '<ul>';
        const items = list.items.map((lines) => '<li>' + lines.map((l) => inline(l)).join('<br>') + '</li>');
        out.push(open + items.join('') + (list.ordered ? '</ol>' : '</ul>'));
        list = null;
      };
      for (const line of String(markdown).replace(/\r\n?/g, '\n').split('\n')) {
        if (!line.trim()) {
          closeParagraph();
          closeList();
          continue;
        }
        const item = LIST_ITEM.exec(line);
        if (item) {
          closeParagraph();
          const ordered = item[2] !== undefined;
          if (list && list.ordered !== ordered) closeList();
          if (!list) list = { ordered: ordered, start: ordered ? Number(item[2]) : 1, items: [] };
          list.items.push([item[3]]);
          continue;
        }
        if (list && /^\s{2,}\S/.test(line)) {
          list.items[list.items.length - 1].push(line.trim());
          continue;
        }
        closeList();
        const heading = HEADING.exec(line);
        if (heading) {
          closeParagraph();
          out.push('<p><strong>' + inline(heading[1]) + '</strong></p>');
          continue;
        }
        paragraph.push(line.trim());
      }
      closeParagraph();
      closeList();
      return '<div class="reach-md">' + out.join('') + '</div>';
    }
    return markdownToHtml;
  }

  window.ReachMarkdown = Object.freeze({ create: create });
})();
