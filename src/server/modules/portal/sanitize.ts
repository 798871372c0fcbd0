import sanitizeHtml from "sanitize-html";

// Rich text from editors is sanitised on save with an allow-list: structure and emphasis, links to
// http(s)/mailto and relative addresses, images from http(s) or this site, tables. No script, style,
// event handler, iframe, form or javascript:/data: URL survives; unknown tags are dropped with their
// attributes (their text stays), and script/style contents are dropped entirely.

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "code",
    "hr",
    "a",
    "img",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
  ],
  allowedAttributes: {
    a: ["href", "title"],
    img: ["src", "alt", "width", "height"],
    th: ["colspan", "rowspan", "scope"],
    td: ["colspan", "rowspan"],
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["http", "https"] },
  allowedSchemesAppliedToAttributes: ["href", "src"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "template", "iframe", "object"],
  transformTags: {
    // External links open as ordinary links and do not tell the target where the reader came from.
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: "noopener noreferrer" } }),
  },
};
// "rel" is added by the transform above; sanitize-html keeps attributes a transform sets only if allowed.
(OPTIONS.allowedAttributes as Record<string, string[]>).a!.push("rel");

export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " " };

/** The readable text of sanitised HTML: blocks separated by new lines, entities decoded. */
export function textOfHtml(html: string): string {
  const spaced = html.replace(/<\/(p|h[2-4]|li|tr|blockquote|pre|table|caption)>|<br\s*\/?>/gi, "$&\n");
  const text = sanitizeHtml(spaced, { allowedTags: [], allowedAttributes: {} });
  return text
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => ENTITIES[e] ?? "")
    .replace(/[ \t]+/g, " ")
    .replace(/\n\s*\n+/g, "\n")
    .trim();
}
