/** A customer notice as message keys and parameters; the bot renders it in the publisher's language. */
export interface NoticePart {
  readonly key: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

export interface NoticeDraft {
  readonly subject: NoticePart;
  readonly paragraphs: readonly NoticePart[];
}

export type Translate = (key: string, params?: Readonly<Record<string, string | number>>) => string;

/** Subject line, blank line, paragraphs separated by blank lines: ready to paste into an e-mail. */
export function renderNotice(draft: NoticeDraft, translate: Translate): string {
  const render = (part: NoticePart) => translate(part.key, part.params);
  return [render(draft.subject), ...draft.paragraphs.map(render)].join('\n\n');
}
