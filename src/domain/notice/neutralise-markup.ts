import { stripInvisible } from './strip-invisible';

/**
 * What a publisher or analyst typed, made inert for a text that may be shown as Markdown or HTML (a
 * Teams or Slack post, an email client) while still reading as typed: a tag, autolink or Slack mention
 * (`<script>`, `<https://…>`, `<!channel>`, `<@U1>`) gets a space after its `<`, a link or image
 * (`[x](y)`) a space before its `(`, a link definition (`[x]: y`) a space before its colon. No
 * escaping with backslashes or entities: the text stays plain text.
 */
export function neutraliseMarkup(raw: string, singleLine: boolean): string {
  return stripInvisible(raw, singleLine)
    .replace(/<(?=[A-Za-z!/?@#$])/g, '< ')
    .replace(/\]\(/g, '] (')
    .replace(/^(\s*\[[^\]\n]*\]):/gm, '$1 :');
}
