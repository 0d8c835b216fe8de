import { randomUUID } from 'node:crypto';
import type { Clock } from '../domain/clock';
import {
  draftBasis,
  draftCommunication,
  draftStaleness,
  formatsFor,
  isEditableFormat,
  readDraftText,
  type BasisChange,
  type CustomerDraft,
  type DraftFormat,
  type DraftLanguage,
  type DraftTone,
} from '../domain/notice';
import { applyEvents, type Actor, type TicketError, type TicketEvent } from '../domain/ticket';
import { isUniqueViolation } from '../store/is-unique-violation';
import { draftVersionColumns, type DraftWrite, type NewCustomerDraft } from '../tickets/customer-drafts';
import type { CardPlacement, StoredTicket, TicketStore } from '../tickets';

export interface DraftChoice {
  readonly format: DraftFormat;
  readonly language: DraftLanguage;
  readonly tone: DraftTone;
}

/** What a person typed in a draft card's boxes, or support sent as a proposal. */
export interface DraftTextInput {
  readonly subject?: unknown;
  readonly body?: unknown;
  readonly note?: unknown;
}

export type DraftRefusal =
  | { readonly reason: 'notFound' }
  /** The ticket's facts changed since the draft was made: redraft first. */
  | { readonly reason: 'stale'; readonly changed: readonly BasisChange[] }
  /** A CSAF document is made from the facts, never edited by hand. */
  | { readonly reason: 'notEditable' }
  /** The format is not offered for this ticket (a GDPR outline without personal data). */
  | { readonly reason: 'notOffered' }
  | { readonly reason: 'invalid'; readonly errors: readonly TicketError[] }
  /** The text is what the draft says already. */
  | { readonly reason: 'unchanged' }
  /** Support proposes edits only to what the publisher shared. */
  | { readonly reason: 'notShared' }
  /** The draft is not a proposal waiting for an answer (answered already, or not a proposal). */
  | { readonly reason: 'notWaiting'; readonly status: CustomerDraft['status'] }
  /** Kept changing under us (another writer each time): try again. */
  | { readonly reason: 'busy' };

export type DraftResult =
  | { readonly ok: true; readonly draft: CustomerDraft; readonly stored: StoredTicket }
  | ({ readonly ok: false } & DraftRefusal);

export type ProposalAnswer = 'accepted' | 'edited' | 'declined';

/** A draft with what a reader needs to know about it now. */
export interface DraftView {
  readonly draft: CustomerDraft;
  readonly stale: boolean;
  readonly changed: readonly BasisChange[];
}

const maxAttempts = 3;

/**
 * The customer communications of a ticket (docs/decisions/customer-drafts.md): drafted by the engine,
 * edited and shared by the publisher, edit proposals from support and the publisher's answer. Every
 * version is kept; a draft whose facts moved on is out of date and is never shared, proposed on or
 * handed out unmarked. Works on this service's own copy of the ticket, whatever the ticket backend.
 */
export class CustomerDraftDesk {
  constructor(
    private readonly deps: {
      readonly tickets: TicketStore;
      readonly clock: Clock;
      readonly publisher?: { readonly name?: string; readonly url?: string };
    },
  ) {}

  /** The publisher's ticket, only within their tenant. */
  findForTenant(tenantId: string, confirmationNumber: string): Promise<StoredTicket | undefined> {
    return this.deps.tickets.findForTenant(tenantId, confirmationNumber);
  }

  /** Any tenant's ticket, for support. */
  findForSupport(confirmationNumber: string): Promise<StoredTicket | undefined> {
    return this.deps.tickets.findByNumber(confirmationNumber);
  }

  /** By the store's id (a download link names the ticket so). */
  findById(ticketId: string): Promise<StoredTicket | undefined> {
    return this.deps.tickets.findById(ticketId);
  }

  /** Remembers a draft card posted in the publisher's chat, so it is kept true in place. */
  async rememberCard(stored: StoredTicket, card: CardPlacement): Promise<void> {
    await this.deps.tickets.cards.remember(stored.id, card, this.deps.clock.now());
  }

  async list(stored: StoredTicket): Promise<DraftView[]> {
    const drafts = await this.deps.tickets.drafts.list(stored.id);
    return drafts.map((draft) => view(draft, stored));
  }

  async get(stored: StoredTicket, draftId: string): Promise<DraftView | undefined> {
    const draft = await this.deps.tickets.drafts.get(stored.id, draftId);
    return draft && view(draft, stored);
  }

  /**
   * Drafts anew from the ticket's facts as they stand. Drafting the same thing twice from the same facts
   * gives back the draft already made rather than a copy.
   */
  async make(stored: StoredTicket, choice: DraftChoice, actor: Actor): Promise<DraftResult> {
    const { ticket } = stored;
    if (!formatsFor(ticket).includes(choice.format)) return { ok: false, reason: 'notOffered' };
    const earlier = (await this.deps.tickets.drafts.list(stored.id)).filter(
      (draft) => draft.format === choice.format && draft.language === choice.language,
    );
    const drafted = draftCommunication({
      ...choice,
      ticket,
      now: this.deps.clock.now(),
      revision: earlier.length + 1,
      history: earlier.map((draft) => ({ at: draft.createdAt, summary: `Version ${draft.version}` })),
      ...(this.deps.publisher ? { publisher: this.deps.publisher } : {}),
    });
    const latest = earlier.at(-1);
    const basis = draftBasis(ticket, choice.format);
    if (
      latest &&
      latest.origin === 'drafted' &&
      latest.tone === choice.tone &&
      !draftStaleness(latest, ticket).stale &&
      (choice.format === 'csaf' || (latest.body === drafted.body && latest.subject === drafted.subject))
    ) {
      return { ok: true, draft: latest, stored };
    }
    const draft = await this.deps.tickets.drafts.insert(
      stored.id,
      this.newDraft(stored, {
        ...choice,
        origin: 'drafted',
        status: 'private',
        body: drafted.body,
        ...(drafted.subject !== undefined ? { subject: drafted.subject } : {}),
        placeholders: drafted.placeholders,
        basis,
        createdBy: actor,
      }),
    );
    return { ok: true, draft, stored };
  }

  /** Redrafts a draft's format, language and tone from the facts as they stand now. */
  async redraft(stored: StoredTicket, draftId: string, actor: Actor): Promise<DraftResult> {
    const draft = await this.deps.tickets.drafts.get(stored.id, draftId);
    if (!draft) return { ok: false, reason: 'notFound' };
    return this.make(stored, { format: draft.format, language: draft.language, tone: draft.tone }, actor);
  }

  /** The publisher's edit of a draft, kept as a new private version. */
  async saveEdit(
    stored: StoredTicket,
    draftId: string,
    input: DraftTextInput,
    actor: Actor,
  ): Promise<DraftResult> {
    const base = await this.usable(stored, draftId);
    if (!base.ok) return base;
    const text = this.editedText(base.draft, input);
    if (!text.ok) return text;
    // A second press of the same save (Teams resends, a double click) finds the version it made.
    const same = (await this.deps.tickets.drafts.list(stored.id)).find(
      (d) =>
        d.basedOn === base.draft.id &&
        d.origin === 'publisher' &&
        d.body === text.body &&
        (d.subject ?? '') === (text.subject ?? '') &&
        !draftStaleness(d, stored.ticket).stale,
    );
    if (same) return { ok: true, draft: same, stored };
    const draft = await this.deps.tickets.drafts.insert(
      stored.id,
      this.edited(stored, base.draft, text, 'publisher', 'private', actor),
    );
    return { ok: true, draft, stored };
  }

  /**
   * Shares a draft with support: the text in the card's boxes when it differs from the draft (kept as a
   * new version), else the draft itself. Sharing what is shared already changes nothing.
   */
  async share(
    stored: StoredTicket,
    draftId: string,
    input: DraftTextInput | undefined,
    actor: Actor,
  ): Promise<DraftResult> {
    return this.change(stored, async (current) => {
      const base = await this.usable(current, draftId);
      if (!base.ok) return base;
      let draft = base.draft;
      let writes: DraftWrite[];
      const typed =
        input !== undefined && (typeof input.body === 'string' || typeof input.subject === 'string');
      const text = typed && isEditableFormat(draft.format) ? this.editedText(draft, input) : undefined;
      if (text && !text.ok && text.reason !== 'unchanged') return text;
      if (text?.ok) {
        draft = await this.versioned(
          current,
          this.edited(current, draft, text, 'publisher', 'shared', actor),
        );
        writes = [{ kind: 'insert', draft }];
      } else {
        if (draft.status === 'shared') return { ok: true, draft, stored: current };
        if (draft.status !== 'private') return { ok: false, reason: 'notWaiting', status: draft.status };
        writes = [{ kind: 'status', draftId: draft.id, status: 'shared' }];
      }
      return { draftId: draft.id, writes, event: this.event('customer_draft_shared', actor, draft) };
    });
  }

  /** Support proposes an edit of a draft the publisher shared; the publisher is asked proactively. */
  async propose(
    stored: StoredTicket,
    draftId: string,
    input: DraftTextInput,
    actor: Actor,
  ): Promise<DraftResult> {
    return this.change(stored, async (current) => {
      const base = await this.usable(current, draftId);
      if (!base.ok) return base;
      if (base.draft.status !== 'shared') return { ok: false, reason: 'notShared' };
      const text = this.editedText(base.draft, input);
      if (!text.ok) return text;
      const proposal = await this.versioned(
        current,
        this.edited(current, base.draft, text, 'support', 'proposed', actor),
      );
      return {
        draftId: proposal.id,
        writes: [{ kind: 'insert', draft: proposal }],
        event: {
          type: 'customer_draft_proposed',
          actor,
          at: proposal.createdAt,
          data: { ...ref(proposal), basedOn: base.draft.id },
        },
      };
    });
  }

  /**
   * The publisher's answer to support's proposal: accept it as it is, accept it with their own changes
   * (kept as a new version, shared), or decline it. Each proposal is answered once.
   */
  async answer(
    stored: StoredTicket,
    draftId: string,
    answer: ProposalAnswer,
    input: DraftTextInput | undefined,
    actor: Actor,
  ): Promise<DraftResult> {
    return this.change(stored, async (current) => {
      const proposal = await this.deps.tickets.drafts.get(current.id, draftId);
      if (!proposal) return { ok: false, reason: 'notFound' };
      if (proposal.status !== 'proposed') return { ok: false, reason: 'notWaiting', status: proposal.status };
      if (answer !== 'declined') {
        const staleness = draftStaleness(proposal, current.ticket);
        if (staleness.stale) return { ok: false, reason: 'stale', changed: staleness.changed };
      }
      const answered = (sharedDraftId?: string): TicketEvent => ({
        type: 'customer_draft_answered',
        actor,
        at: this.deps.clock.now().toISOString(),
        data: { ...ref(proposal), answer, ...(sharedDraftId ? { sharedDraftId } : {}) },
      });
      if (answer === 'accepted') {
        return {
          draftId: proposal.id,
          writes: [{ kind: 'status', draftId: proposal.id, status: 'shared' }],
          event: answered(proposal.id),
        };
      }
      if (answer === 'declined') {
        return {
          draftId: proposal.id,
          writes: [{ kind: 'status', draftId: proposal.id, status: 'declined' }],
          event: answered(),
        };
      }
      const text = this.editedText(proposal, input ?? {});
      if (!text.ok) return text;
      const edit = await this.versioned(
        current,
        this.edited(current, proposal, text, 'publisher', 'shared', actor),
      );
      return {
        draftId: edit.id,
        writes: [
          { kind: 'insert', draft: edit },
          { kind: 'status', draftId: proposal.id, status: 'edited' },
        ],
        event: answered(edit.id),
      };
    });
  }

  /** The draft if it exists and is not out of date. */
  private async usable(
    stored: StoredTicket,
    draftId: string,
  ): Promise<{ ok: true; draft: CustomerDraft } | ({ ok: false } & DraftRefusal)> {
    const draft = await this.deps.tickets.drafts.get(stored.id, draftId);
    if (!draft) return { ok: false, reason: 'notFound' };
    const staleness = draftStaleness(draft, stored.ticket);
    if (staleness.stale) return { ok: false, reason: 'stale', changed: staleness.changed };
    return { ok: true, draft };
  }

  private editedText(
    base: CustomerDraft,
    input: DraftTextInput,
  ): { ok: true; subject?: string; body: string; note?: string } | ({ ok: false } & DraftRefusal) {
    if (!isEditableFormat(base.format)) return { ok: false, reason: 'notEditable' };
    const text = readDraftText(base.format, input);
    if (!text.ok) return { ok: false, reason: 'invalid', errors: text.errors };
    if (text.body === base.body.trim() && (text.subject ?? '') === (base.subject ?? '').trim()) {
      return { ok: false, reason: 'unchanged' };
    }
    return text;
  }

  private edited(
    stored: StoredTicket,
    base: CustomerDraft,
    text: { subject?: string; body: string; note?: string },
    origin: 'publisher' | 'support',
    status: 'private' | 'shared' | 'proposed',
    actor: Actor,
  ): NewCustomerDraft {
    return this.newDraft(stored, {
      format: base.format,
      language: base.language,
      tone: base.tone,
      origin,
      status,
      basedOn: base.id,
      ...(text.note ? { note: text.note } : {}),
      ...(text.subject !== undefined ? { subject: text.subject } : {}),
      body: text.body,
      // The person's text: what is left of the engine's placeholders is still to fill in.
      placeholders: base.placeholders.filter((p) => text.body.includes(p) || text.subject?.includes(p)),
      basis: draftBasis(stored.ticket, base.format),
      createdBy: actor,
    });
  }

  private newDraft(
    stored: StoredTicket,
    draft: Omit<NewCustomerDraft, 'id' | 'madeFromVersion' | 'createdAt'>,
  ): NewCustomerDraft {
    return {
      ...draft,
      id: randomUUID(),
      madeFromVersion: stored.ticket.version,
      createdAt: this.deps.clock.now().toISOString(),
    };
  }

  private event(type: 'customer_draft_shared', actor: Actor, draft: CustomerDraft): TicketEvent {
    return { type, actor, at: this.deps.clock.now().toISOString(), data: ref(draft) };
  }

  /** The draft with the next version of its format and language (taken meanwhile: the change retries). */
  private async versioned(stored: StoredTicket, draft: NewCustomerDraft): Promise<CustomerDraft> {
    const versions = (await this.deps.tickets.drafts.list(stored.id))
      .filter((d) => d.format === draft.format && d.language === draft.language)
      .map((d) => d.version);
    return { ...draft, version: Math.max(0, ...versions) + 1 };
  }

  /**
   * A change that writes drafts and an event on the ticket, as of the version read (re-read and
   * re-decided when another writer came first). The result is read back from the store.
   */
  private async change(
    stored: StoredTicket,
    decide: (
      current: StoredTicket,
    ) => Promise<
      | { draftId: string; writes: readonly DraftWrite[]; event: TicketEvent }
      | { ok: true; draft: CustomerDraft; stored: StoredTicket }
      | ({ ok: false } & DraftRefusal)
    >,
  ): Promise<DraftResult> {
    let current: StoredTicket | undefined = stored;
    for (let attempt = 0; attempt < maxAttempts && current; attempt += 1) {
      const decision = await decide(current);
      if ('ok' in decision) return decision;
      const at = decision.event.at;
      const next = applyEvents(current.ticket, [decision.event], at);
      if (!next) return { ok: false, reason: 'busy' };
      let saved: StoredTicket | 'conflict';
      try {
        saved = await this.deps.tickets.saveChange(
          current.id,
          current.ticket.version,
          next,
          [decision.event],
          {
            drafts: decision.writes,
          },
        );
      } catch (error) {
        // A private draft took the version meanwhile: decide again with the next one.
        if (!isUniqueViolation(error, { table: 'customer_drafts', columns: draftVersionColumns }))
          throw error;
        saved = 'conflict';
      }
      if (saved !== 'conflict') {
        const draft = await this.deps.tickets.drafts.get(current.id, decision.draftId);
        return draft ? { ok: true, draft, stored: saved } : { ok: false, reason: 'notFound' };
      }
      current = await this.deps.tickets.findById(current.id);
    }
    return current ? { ok: false, reason: 'busy' } : { ok: false, reason: 'notFound' };
  }
}

function view(draft: CustomerDraft, stored: StoredTicket): DraftView {
  const staleness = draftStaleness(draft, stored.ticket);
  return { draft, stale: staleness.stale, changed: staleness.changed };
}

function ref(draft: Pick<CustomerDraft, 'id' | 'format' | 'language' | 'version'>) {
  return { draftId: draft.id, format: draft.format, language: draft.language, version: draft.version };
}
