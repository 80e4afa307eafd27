/**
 * Serialises a value as JSON that is safe inside `<script type="application/json">`: `<`, `>`
 * and `&` become `\u003c`, `\u003e` and `\u0026`, so neither `</script>` nor `<!--` in a feature
 * name or message can end or change the element; U+2028 and U+2029 become escapes too, for tools
 * that read the block as JavaScript. `JSON.parse` gives back the same value.
 *
 * @example
 * jsonForScript({ f: "</script>" }); // '{"f":"\\u003c/script\\u003e"}'
 * JSON.parse(jsonForScript({ f: "</script>" })).f; // "</script>"
 */
export function jsonForScript(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new Error("jsonForScript: value is not JSON-serialisable");
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * Escapes text for HTML element content and attribute values (the page's title and heading; all
 * other text is set by the page script through `textContent`).
 *
 * @example
 * escapeHtml('<img src=x onerror="alert(1)">'); // "&#60;img src=x onerror=&#34;alert(1)&#34;&#62;"
 */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}
