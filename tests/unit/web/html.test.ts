import { documentHtml, escapeHtml, html } from '../../../src/pages/html.js';

test('every interpolated string is escaped for text and quoted attributes', () => {
  const evil = `<script>alert('x')</script> & "quoted"`;
  expect(html`<p title="${evil}">${evil}</p>`.value).toBe(
    '<p title="&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;</p>',
  );
});

test('nested templates and lists of them are kept as markup, their values escaped once', () => {
  const items = ['<a>', 'b&c'].map((text) => html`<li>${text}</li>`);
  expect(html`<ul>${items}</ul>`.value).toBe('<ul><li>&lt;a&gt;</li><li>b&amp;c</li></ul>');
});

test('false, null and undefined render nothing; numbers and true render as text', () => {
  expect(html`[${false}${null}${undefined}${0}${true}]`.value).toBe('[0true]');
});

test('escaping leaves ordinary Danish text alone', () => {
  expect(escapeHtml('Æbler, øl og ål')).toBe('Æbler, øl og ål');
});

test('a document starts with its doctype', () => {
  expect(documentHtml(html`<html></html>`)).toBe('<!DOCTYPE html>\n<html></html>');
});
