/**
 * The one access policy: who may do what with which resource. Routes (through
 * app/access/guards.server.ts), socket handlers and the rooms a socket is in
 * (app/realtime/watch.server.ts) all ask `decide` or `can`; nothing else decides
 * access. Every rule has a name (its action) and a row in
 * tests/unit/access-policy.test.ts.
 *
 * A refusal carries the HTTP status and the Dutch message a person sees. 404
 * where even knowing the thing exists is private (another trio's pages, ids
 * being probed); 403 where the person may know it exists (a speaker and another
 * speaker's session); 409 for a state that forbids the change (an archived edition).
 */
import type { DeskRun } from "~/features/exercises/desk.server";
import { isArchived } from "~/features/programme/edition.server";
import type { StoredFile } from "~/data/file-store.server";
import type { Board } from "~/features/boards/board.server";
import type { Edition, Session, Trio, User } from "~/data/schema.server";
import { BoardRoles, memberTrioInEdition, sessionOfBoard, speaksInEdition, type BoardRole } from "./facts.server";
import { fileDownloadAllowed } from "./files.server";
import { getAssignment } from "~/features/homework/assignment.server";
import { isTrioMember } from "~/features/registration/trio.server";

export type Actor = Pick<User, "id" | "role">;

export type Decision = { allowed: true } | { allowed: false; status: 403 | 404 | 409; message: string };

const ALLOW: Decision = { allowed: true };
const refuse = (status: 403 | 404 | 409, message: string): Decision => ({ allowed: false, status, message });

export const Messages = {
  organisersOnly: "Je hebt geen toegang tot deze pagina.",
  trioNotFound: "Deze trio bestaat niet of je hebt er geen toegang toe.",
  sessionNotFound: "Deze bijeenkomst bestaat niet of je hebt er geen toegang toe.",
  otherSpeakersSession: "Deze bijeenkomst is van een andere spreker. Je ziet alleen je eigen bijeenkomsten.",
  materialEditors: "Alleen de spreker en de begeleiders beheren het materiaal van deze bijeenkomst.",
  homeworkNotFound: "Dit huiswerk bestaat niet of je hebt er geen toegang toe.",
  homeworkMembersOnly: "Alleen leden van het trio werken aan dit huiswerk.",
  homeworkOtherSpeaker:
    "Dit huiswerk hoort bij de bijeenkomst van een andere spreker. Je ziet alleen inzendingen van je eigen bijeenkomst.",
  homeworkSpeakerNotAllowed: "De begeleiders hebben het huiswerk van deze bijeenkomst niet voor de spreker opengezet.",
  homeworkReviewers: "Alleen begeleiders (en de spreker, als de begeleiders dat toestaan) lezen alle inzendingen.",
  askParticipants: "Alleen deelnemers stellen vragen aan de spreker.",
  moderateOrganisers: "Alleen begeleiders kunnen vragen verbergen.",
  feedbackRemovers: "Alleen begeleiders verwijderen feedback.",
  boardNotFound: "Dit bord bestaat niet of je hebt er geen toegang toe.",
  boardLocked: "Dit bord is vergrendeld: je kunt meekijken, maar niets veranderen.",
  boardFacilitators: "Alleen de begeleiders (en de spreker op het plenaire bord) kunnen dit.",
  deskNotFound: "Deze schuifoefening bestaat niet of je hebt er geen toegang toe.",
  deskMembersOnly: "Alleen leden van een trio kunnen de schuiven van hun eigen trio verzetten.",
  deskOwnTrioOnly: "Je kunt alleen de schuiven van je eigen trio verzetten.",
  trioMembersOnly: "Alleen leden van het trio kunnen dit wijzigen.",
  deskFacilitators: "Alleen begeleiders openen, sluiten en tonen de schuifoefening.",
  deskSpeakers: "De schuifoefening is van de trio's en de begeleiders.",
  editionNotFound: "Deze editie bestaat niet of je hebt er geen toegang toe.",
  archived: "Deze editie is gearchiveerd: je kunt alles nog lezen, maar niets meer wijzigen.",
  fileNotFound: "Dit bestand bestaat niet of je hebt er geen toegang toe.",
  liveFacilitators: "Alleen begeleiders sturen de bijeenkomst: onderdelen starten, peilingen openen en het scherm bedienen.",
  liveModerators: "Alleen de spreker en de begeleiders markeren vragen als beantwoord of verbergen ze.",
  liveAskers: "Alleen deelnemers stellen en steunen vragen aan de spreker.",
  liveVoters: "Alleen deelnemers doen mee aan peilingen.",
  liveProjector: "Het scherm voor de zaal is voor de begeleiders en de spreker van deze bijeenkomst.",
  checkInParticipants: "Alleen deelnemers van deze editie checken in.",
  certificateNotFound: "Dit deelnamebewijs bestaat niet of je hebt er geen toegang toe.",
} as const;

const organiser = (actor: Actor) => actor.role === "organiser";

/** The role on a board, or null when the actor may not see it (an unknown id and another trio's board look the same). */
export function boardRole(actor: Actor, board: Board): BoardRole | null {
  if (organiser(actor)) return BoardRoles.facilitate;
  if (board.scope === "plenary") {
    if (actor.role === "speaker") return sessionOfBoard(board)?.speakerIds.includes(actor.id) ? BoardRoles.facilitate : null;
    if (actor.role !== "participant" || !memberTrioInEdition(actor.id, board.editionId)) return null;
  } else {
    if (actor.role !== "participant" || !board.trioId) return null;
    const trio = memberTrioInEdition(actor.id, board.editionId);
    if (trio?.id !== board.trioId) return null;
  }
  return board.locked ? BoardRoles.view : BoardRoles.edit;
}

/** The boards of a list the actor may see, each with their role on it. */
export function withBoardRoles<B extends Board>(actor: Actor, boards: B[]): Array<B & { role: BoardRole }> {
  return boards.flatMap((board) => {
    const role = boardRole(actor, board);
    return role ? [{ ...board, role }] : [];
  });
}

/** What a session page shows the actor as, or a refusal. */
export function sessionRole(actor: Actor, session: Session): "organiser" | "speaker" | "participant" | Decision {
  if (organiser(actor)) return "organiser";
  if (actor.role === "speaker") {
    return session.speakerIds.includes(actor.id) ? "speaker" : refuse(403, Messages.otherSpeakersSession);
  }
  return actor.role === "participant" && memberTrioInEdition(actor.id, session.editionId)
    ? "participant"
    : refuse(404, Messages.sessionNotFound);
}

/**
 * The rules. Each takes the actor and the resource it is named for. Keep them
 * small and free of side effects: they run on every request and again whenever
 * data changes, for every open socket.
 */
const rules = {
  /** Organiser-only areas: editions, users, outbox, reports. */
  "platform.manage": (actor: Actor, _resource: null): Decision => (organiser(actor) ? ALLOW : refuse(403, Messages.organisersOnly)),

  /**
   * The edition room (desk reveal, plenary notices): organisers, the speakers of its
   * sessions, and members of its admitted trios. A registered trio sees nothing of others.
   */
  "edition.watch": (actor: Actor, edition: Edition): Decision => {
    if (organiser(actor)) return ALLOW;
    if (actor.role === "speaker") return speaksInEdition(actor.id, edition.id) ? ALLOW : refuse(404, Messages.editionNotFound);
    return actor.role === "participant" && memberTrioInEdition(actor.id, edition.id) ? ALLOW : refuse(404, Messages.editionNotFound);
  },

  /** An edition's audit trail (page and CSV): organisers; it names people, so nobody else. Archived editions too. */
  "audit.view": (actor: Actor, _edition: Pick<Edition, "id">): Decision =>
    organiser(actor) ? ALLOW : refuse(403, Messages.organisersOnly),

  /** Any change to an edition's data: none once it is archived, for everyone. */
  "edition.change": (_actor: Actor, edition: Pick<Edition, "id">): Decision =>
    isArchived(edition.id) ? refuse(409, Messages.archived) : ALLOW,

  /** Work on many trios of an edition at once (decide, message, import participants): organisers, not in an archived edition. */
  "edition.bulkTrios": (actor: Actor, edition: Pick<Edition, "id">): Decision =>
    organiser(actor) ? rules["edition.change"](actor, edition) : refuse(403, Messages.organisersOnly),

  /** A session page: organisers, its own speakers (403 for others), members of an admitted trio of its edition. */
  "session.view": (actor: Actor, session: Session): Decision => {
    const role = sessionRole(actor, session);
    return typeof role === "string" ? ALLOW : role;
  },

  /** A session's material: its speakers and organisers. */
  "session.manageMaterial": (actor: Actor, session: Session): Decision => {
    const role = sessionRole(actor, session);
    if (typeof role !== "string") return role;
    return role === "participant" ? refuse(403, Messages.materialEditors) : ALLOW;
  },

  /** Uploading a file meant as session material (linked to a session by the material form, which asks "session.manageMaterial"). */
  "material.upload": (actor: Actor, _resource: null): Decision =>
    actor.role === "speaker" || organiser(actor) ? ALLOW : refuse(403, Messages.materialEditors),

  /** Asking the speaker a question before the session: members of an admitted trio of the edition. */
  "session.ask": (actor: Actor, session: Session): Decision =>
    actor.role === "participant" && memberTrioInEdition(actor.id, session.editionId) ? ALLOW : refuse(403, Messages.askParticipants),

  /** Hiding or showing a participant's question: organisers. */
  "session.moderate": (actor: Actor, _session: Session): Decision => (organiser(actor) ? ALLOW : refuse(403, Messages.moderateOrganisers)),

  /** A trio's dossier: its members (whatever the trio's status) and organisers; anyone else a 404. */
  "trio.view": (actor: Actor, trio: Trio): Decision =>
    organiser(actor) || isTrioMember(actor.id, trio.id) ? ALLOW : refuse(404, Messages.trioNotFound),

  /** Changing a trio's own data: members only (organisers look on), never in an archived edition. */
  "trio.change": (actor: Actor, trio: Trio): Decision => {
    if (!isTrioMember(actor.id, trio.id))
      return organiser(actor) ? refuse(403, Messages.trioMembersOnly) : refuse(404, Messages.trioNotFound);
    return rules["edition.change"](actor, { id: trio.editionId });
  },

  /** A trio's homework for a session: members of the (admitted) trio, and organisers. */
  "homework.view": (actor: Actor, { trio, session }: { trio: Trio; session: Session }): Decision => {
    if (!(organiser(actor) || isTrioMember(actor.id, trio.id))) return refuse(404, Messages.homeworkNotFound);
    if (session.editionId !== trio.editionId || trio.status !== "admitted") return refuse(404, Messages.homeworkNotFound);
    return ALLOW;
  },

  /** Writing the trio's answer: members only. */
  "homework.work": (actor: Actor, resource: { trio: Trio; session: Session }): Decision => {
    const view = rules["homework.view"](actor, resource);
    if (!view.allowed) return view;
    return isTrioMember(actor.id, resource.trio.id) ? ALLOW : refuse(403, Messages.homeworkMembersOnly);
  },

  /** Reading every submission and giving feedback: organisers, and the session's speaker when allowed. */
  "homework.review": (actor: Actor, session: Session): Decision => {
    if (organiser(actor)) return ALLOW;
    if (actor.role === "speaker") {
      if (!session.speakerIds.includes(actor.id)) return refuse(403, Messages.homeworkOtherSpeaker);
      return getAssignment(session).speakerMayGiveFeedback ? ALLOW : refuse(403, Messages.homeworkSpeakerNotAllowed);
    }
    return refuse(403, Messages.homeworkReviewers);
  },

  /** Removing a piece of feedback: organisers. */
  "homework.removeFeedback": (actor: Actor, _session: Session): Decision =>
    organiser(actor) ? ALLOW : refuse(403, Messages.feedbackRemovers),

  "board.view": (actor: Actor, board: Board): Decision => (boardRole(actor, board) ? ALLOW : refuse(404, Messages.boardNotFound)),

  "board.edit": (actor: Actor, board: Board): Decision => {
    const role = boardRole(actor, board);
    if (!role) return refuse(404, Messages.boardNotFound);
    return role === BoardRoles.view ? refuse(403, Messages.boardLocked) : ALLOW;
  },

  /** A board's earlier versions and restoring one: organisers (anyone else sees the same 404 as for no board). */
  "board.restore": (actor: Actor, _board: Board): Decision => (organiser(actor) ? ALLOW : refuse(404, Messages.boardNotFound)),

  "board.facilitate": (actor: Actor, board: Board): Decision => {
    const role = boardRole(actor, board);
    if (!role) return refuse(404, Messages.boardNotFound);
    return role === BoardRoles.facilitate ? ALLOW : refuse(403, Messages.boardFacilitators);
  },

  /** A session's desk page: organisers and the session's participants; a speaker may know it exists. */
  "desk.open": (actor: Actor, session: Session): Decision => {
    const view = rules["session.view"](actor, session);
    if (!view.allowed) return view;
    return actor.role === "speaker" ? refuse(403, Messages.deskSpeakers) : ALLOW;
  },

  /** Watching a desk run live: organisers, members of an admitted trio of its edition. */
  "desk.watch": (actor: Actor, run: DeskRun): Decision =>
    organiser(actor) || (actor.role === "participant" && memberTrioInEdition(actor.id, run.editionId))
      ? ALLOW
      : refuse(404, Messages.deskNotFound),

  /** Moving sliders: only a member of an admitted trio, on that trio's own desk. */
  "desk.move": (actor: Actor, { run, trioId }: { run: DeskRun; trioId?: string }): Decision => {
    const trio = actor.role === "participant" ? memberTrioInEdition(actor.id, run.editionId) : null;
    if (!trio) return refuse(403, Messages.deskMembersOnly);
    return trioId !== undefined && trioId !== trio.id ? refuse(403, Messages.deskOwnTrioOnly) : ALLOW;
  },

  /** Opening, closing, revealing and anonymising a session's desk: organisers. */
  "desk.facilitate": (actor: Actor, _session: Session): Decision => (organiser(actor) ? ALLOW : refuse(403, Messages.deskFacilitators)),

  /** Running a session live (issue 17): starting blocks, polls, the projector's content. Organisers. */
  "live.run": (actor: Actor, session: Session): Decision => {
    const view = rules["session.view"](actor, session);
    if (!view.allowed) return view;
    return organiser(actor) ? ALLOW : refuse(403, Messages.liveFacilitators);
  },

  /** Following the live session (the block, questions, polls): whoever may see the session. */
  "live.follow": (actor: Actor, session: Session): Decision => rules["session.view"](actor, session),

  /** Asking and upvoting live questions: members of an admitted trio of the edition. */
  "live.ask": (actor: Actor, session: Session): Decision => {
    const view = rules["session.view"](actor, session);
    if (!view.allowed) return view;
    return actor.role === "participant" ? ALLOW : refuse(403, Messages.liveAskers);
  },

  /** Marking questions answered, hiding them: organisers and this session's speaker. */
  "live.moderate": (actor: Actor, session: Session): Decision => {
    const view = rules["session.view"](actor, session);
    if (!view.allowed) return view;
    return actor.role === "participant" ? refuse(403, Messages.liveModerators) : ALLOW;
  },

  /** Answering a poll: members of an admitted trio of the edition. */
  "live.vote": (actor: Actor, session: Session): Decision => {
    const view = rules["session.view"](actor, session);
    if (!view.allowed) return view;
    return actor.role === "participant" ? ALLOW : refuse(403, Messages.liveVoters);
  },

  /** The projector view: organisers and this session's speaker. */
  "live.project": (actor: Actor, session: Session): Decision => {
    const view = rules["session.view"](actor, session);
    if (!view.allowed) return view;
    return actor.role === "participant" ? refuse(403, Messages.liveProjector) : ALLOW;
  },

  /** Checking in to a session: members of an admitted trio of its edition, never in an archived edition. */
  "attendance.checkIn": (actor: Actor, session: Session): Decision => {
    const view = rules["session.view"](actor, session);
    if (!view.allowed) return view;
    if (actor.role !== "participant") return refuse(403, Messages.checkInParticipants);
    return rules["edition.change"](actor, { id: session.editionId });
  },

  /** The presence lists, corrections, the threshold and printing all certificates: organisers. */
  "attendance.manage": (actor: Actor, _edition: Edition): Decision => (organiser(actor) ? ALLOW : refuse(403, Messages.organisersOnly)),

  /** A deelnamebewijs: the participant it names (a member of a trio of the edition) and organisers. */
  "certificate.download": (actor: Actor, { edition, userId }: { edition: Edition; userId: string }): Decision => {
    if (organiser(actor)) return ALLOW;
    return actor.id === userId && actor.role === "participant" && memberTrioInEdition(actor.id, edition.id)
      ? ALLOW
      : refuse(404, Messages.certificateNotFound);
  },

  /** Downloading a stored file: see fileDownloadAllowed for what a file belongs to. */
  "file.download": (actor: Actor, file: StoredFile): Decision =>
    fileDownloadAllowed(actor, file) ? ALLOW : refuse(404, Messages.fileNotFound),
} as const;

export type Rules = typeof rules;
export type Action = keyof Rules;
export type ResourceOf<A extends Action> = Parameters<Rules[A]>[1];

export const actions = Object.keys(rules) as Action[];

/** The decision of one rule, with the status and Dutch message of a refusal. */
export function decide<A extends Action>(actor: Actor, action: A, resource: ResourceOf<A>): Decision {
  return (rules[action] as (actor: Actor, resource: ResourceOf<A>) => Decision)(actor, resource);
}

export function can<A extends Action>(actor: Actor, action: A, resource: ResourceOf<A>): boolean {
  return decide(actor, action, resource).allowed;
}
