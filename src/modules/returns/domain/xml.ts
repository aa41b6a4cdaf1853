/**
 * A small XML writer for the census message: text escaped for element content, elements
 * written as strings so that a message can be streamed one child at a time.
 */

// Characters XML 1.0 does not allow at all (control characters other than tab, line feed and
// carriage return, lone surrogates, U+FFFE and U+FFFF) are dropped.
const NOT_XML = new RegExp(
  '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]' +
    '|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]',
  'g',
);

/** Text for element content or an attribute value: & < > " ' escaped, disallowed characters dropped. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      default:
        return '&apos;';
    }
  });
}

/** A child node of an element: text content, or nested elements. */
export type XmlNode = { name: string; text: string } | { name: string; children: XmlNode[] };

/** An element with text; none when the value is null or undefined. */
export function leaf(name: string, value: string | number | boolean | null | undefined): XmlNode[] {
  return value === null || value === undefined ? [] : [{ name, text: String(value) }];
}

export function node(name: string, ...children: XmlNode[][]): XmlNode {
  return { name, children: children.flat() };
}

/** The element and its descendants as text, indented by `depth` steps of two spaces. */
export function render(element: XmlNode, depth = 0): string {
  const pad = '  '.repeat(depth);
  if ('text' in element)
    return `${pad}<${element.name}>${escapeXml(element.text)}</${element.name}>\n`;
  if (element.children.length === 0) return `${pad}<${element.name}/>\n`;
  return `${pad}<${element.name}>\n${element.children.map((c) => render(c, depth + 1)).join('')}${pad}</${element.name}>\n`;
}
