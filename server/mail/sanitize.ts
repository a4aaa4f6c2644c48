import sanitizeHtml from "sanitize-html";

/**
 * HTML mail made safe to display: no scripts, event handlers, forms, frames or styles that load
 * anything; remote images are kept as `data-remote-src` until the viewer allows them; data:
 * images stay. Inline images (`cid:`) are resolved here, while sanitizing, to the URLs of their
 * attachments (`inline`: Content-ID → URL); a `cid:` nothing resolves is dropped. Nothing is
 * spliced into the HTML after this, so no Content-ID can reach the markup. Links open in a new tab
 * without an opener.
 */
export function sanitizeMailHtml(html: string, inline: ReadonlyMap<string, string> = new Map()): string {
  return sanitizeHtml(html, {
    allowedTags: [
      ...sanitizeHtml.defaults.allowedTags,
      "img", "font", "center", "span", "del", "ins", "s", "u", "sub", "sup", "small", "big", "hr",
    ],
    disallowedTagsMode: "discard",
    // Dropped with their text: what a browser would never show as part of the message.
    nonTextTags: ["script", "style", "textarea", "option", "noscript", "title", "head", "template"],
    allowedAttributes: {
      "*": ["style", "align", "valign", "width", "height", "dir", "lang", "title", "class", "colspan", "rowspan", "bgcolor", "color", "border", "cellpadding", "cellspacing"],
      a: ["href", "name", "target", "rel"],
      img: ["src", "alt", "data-remote-src", "width", "height"],
      font: ["color", "face", "size"],
    },
    allowedSchemes: ["http", "https", "mailto", "tel", "data"],
    allowedSchemesByTag: { img: ["data"], a: ["http", "https", "mailto", "tel"] },
    allowProtocolRelative: false,
    allowedStyles: {
      "*": {
        color: [/^[#a-z0-9(),.\s%]+$/i],
        "background-color": [/^[#a-z0-9(),.\s%]+$/i],
        "text-align": [/^(left|right|center|justify|start|end)$/],
        "font-weight": [/^[a-z0-9]+$/],
        "font-style": [/^[a-z]+$/],
        "font-size": [/^[\d.]+(px|pt|em|rem|%)$/],
        "text-decoration": [/^[a-z\s-]+$/],
        margin: [/^[\d.\s]+(px|pt|em)?$/],
        padding: [/^[\d.\s]+(px|pt|em)?$/],
        border: [/^[\d.]+px\s+(solid|dashed|dotted)\s+[#a-z0-9]+$/i],
        width: [/^[\d.]+(px|%)$/],
      },
    },
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, target: "_blank", rel: "noopener noreferrer nofollow" } }),
      img: (tagName, attribs) => {
        const src = attribs.src ?? "";
        const { src: _drop, ...rest } = attribs;
        if (/^https?:/i.test(src)) return { tagName, attribs: { ...rest, "data-remote-src": src } };
        if (/^cid:/i.test(src)) {
          const url = inline.get(contentIdKey(src.slice(4)) ?? "");
          return { tagName, attribs: url ? { ...rest, src: url } : rest };
        }
        return { tagName, attribs };
      },
    },
  });
}

/**
 * The lookup key of a Content-ID (from a `cid:` URL, percent-decoded, or a part's header, angle
 * brackets dropped), or null when it has anything but the characters Content-IDs are made of.
 */
export function contentIdKey(value: string): string | null {
  let id = value.trim();
  if (id.startsWith("<") && id.endsWith(">")) id = id.slice(1, -1);
  try {
    id = decodeURIComponent(id);
  } catch {
    return null;
  }
  return SAFE_CONTENT_ID.test(id) ? id.toLowerCase() : null;
}

const SAFE_CONTENT_ID = /^[A-Za-z0-9._@+=$~!%-]{1,250}$/;

/** Inline images by Content-ID → the URL each attachment is served from. */
export function inlineImageUrls(files: readonly { id: string; contentId: string | null }[]): Map<string, string> {
  const urls = new Map<string, string>();
  for (const f of files) {
    const key = f.contentId ? contentIdKey(f.contentId) : null;
    if (key && !urls.has(key)) urls.set(key, `/api/attachments/${f.id}`);
  }
  return urls;
}
