import { escapeXml, leaf, node, render } from './xml';

describe('escapeXml', () => {
  it.each([
    ['plain', 'plain'],
    ['a & b', 'a &amp; b'],
    ['<Child>', '&lt;Child&gt;'],
    [`"quoted" 'single'`, '&quot;quoted&quot; &apos;single&apos;'],
    ['&amp;', '&amp;amp;'],
    ['bell\u0007 and nul\u0000', 'bell and nul'],
    ['tab\tnew\nline', 'tab\tnew\nline'],
    ['lone \uD800 surrogate', 'lone  surrogate'],
    ['emoji \uD83D\uDE00 kept', 'emoji \uD83D\uDE00 kept'],
    ['Zoë – Ó', 'Zoë – Ó'],
  ])('%j becomes %j', (text, escaped) => {
    expect(escapeXml(text)).toBe(escaped);
  });
});

describe('render', () => {
  it('writes nested elements in order, indented, leaving out absent leaves', () => {
    expect(render(node('A', leaf('B', '1 < 2'), leaf('C', null), [node('D', leaf('E', 3))]))).toBe(
      '<A>\n  <B>1 &lt; 2</B>\n  <D>\n    <E>3</E>\n  </D>\n</A>\n',
    );
  });

  it('writes an element without children as an empty element', () => {
    expect(render(node('Empty'), 1)).toBe('  <Empty/>\n');
  });
});
