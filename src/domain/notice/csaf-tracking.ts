import type { TicketState } from '../ticket/ticket';
import type { CsafRevision, CsafTracking } from './csaf-document';
import type { DraftContext } from './draft-context';
import { stripInvisible } from './strip-invisible';

/**
 * The document's status follows the ticket: a draft until support has seen the report, interim while
 * it is assessed (the content may still change, as CSAF's interim says), final once the ticket is closed.
 */
export function csafStatus(state: TicketState): CsafTracking['status'] {
  if (state === 'submitted') return 'draft';
  return state === 'closed' ? 'final' : 'interim';
}

/** The draft's version: the revision asked for, else one more than the history has. */
function versionOf(revision: number | undefined, historyLength: number): number {
  return revision !== undefined && Number.isFinite(revision) && revision >= 1
    ? Math.floor(revision)
    : historyLength + 1;
}

/**
 * `document.tracking`. The revision history must pass CSAF's mandatory tests whatever the caller
 * sends: numbered 1…version with none missing (6.1.21) or repeated (6.1.22), dates strictly rising
 * (6.1.14; equal dates would sort the numbers backwards), the newest entry being this version (6.1.16).
 * So history[i] is revision i + 1; entries past this version are left out; a missing earlier one gets
 * a placeholder summary; a date that is unreadable or not after its predecessor is moved to just
 * after it. The ticket's dates frame the document: it was first released when the ticket was
 * submitted, and this revision, the current release, is dated when the ticket last changed (the
 * facts it states are as of then; just after the last earlier revision if that is later), so a
 * ticket version dates its draft the same whenever it is drafted. Only the generator's date is `now`.
 */
export function csafTracking(context: DraftContext): CsafTracking {
  const { request, facts, words, placeholders } = context;
  const history = request.history ?? [];
  const version = versionOf(request.revision, history.length);
  const submitted = Date.parse(facts.submittedAt);

  const revisions: CsafRevision[] = [];
  let previous = Number.NEGATIVE_INFINITY;
  const dated = (wanted: number) => {
    const start = Number.isFinite(submitted) ? submitted : request.now.getTime();
    const at =
      Number.isFinite(wanted) && wanted > previous
        ? wanted
        : Number.isFinite(previous)
          ? previous + 1
          : start;
    previous = at;
    return new Date(at).toISOString();
  };
  for (let number = 1; number < version; number++) {
    const entry = history[number - 1];
    const summary = entry ? stripInvisible(entry.summary, false) : '';
    revisions.push({
      date: dated(entry ? Date.parse(entry.at) : Number.NaN),
      number: String(number),
      summary: summary === '' ? placeholders.mark(words.placeholder.revisionSummary) : summary,
    });
  }
  const updated = Date.parse(facts.updatedAt);
  const current = dated(Number.isFinite(updated) ? updated : request.now.getTime());
  revisions.push({
    date: current,
    number: String(version),
    summary: words.csaf.drafted(facts.confirmationNumber, facts.ticketVersion),
  });

  const first = revisions[0]?.date ?? current;
  const initial = Number.isFinite(submitted) && submitted <= Date.parse(first) ? facts.submittedAt : first;
  return {
    id: facts.confirmationNumber,
    status: csafStatus(facts.state),
    version: String(version),
    revision_history: revisions,
    initial_release_date: new Date(Date.parse(initial)).toISOString(),
    current_release_date: current,
    generator: { engine: { name: 'Security Desk' }, date: request.now.toISOString() },
  };
}
