import sanitizeHtml from "sanitize-html";

/**
 * HTML mail made safe to display: no scripts, event handlers, forms, frames or styles that load
 * anything; remote images are kept as `data-remote-src` until the viewer allows them; inline
 * images (cid:) and data: images stay. Links open in a new tab without an opener.
 */
export function sanitizeMailHtml(html: string): string {
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
    allowedSchemes: ["http", "https", "mailto", "tel", "cid", "data"],
    allowedSchemesByTag: { img: ["cid", "data"], a: ["http", "https", "mailto", "tel"] },
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
        if (/^https?:/i.test(src)) {
          const { src: _drop, ...rest } = attribs;
          return { tagName, attribs: { ...rest, "data-remote-src": src } };
        }
        return { tagName, attribs };
      },
    },
  });
}
