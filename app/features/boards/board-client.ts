/**
 * The one place in the browser that owns the socket of a board (the "portal").
 * Joins, fetches the state over HTTP, buffers deltas that arrive meanwhile, merges
 * with `winsOver`, sends local changes in batches (a quiet board at once, a busy
 * one at most ~30 times per second), throttles presence, and keeps local changes
 * while offline: on reconnect it joins again, refetches the state and resends what
 * the server does not have. The editor and the outline only talk to this class.
 *
 * In the browser it rides on the tab's shared socket (`start(socket)`, from
 * app/realtime/socket-provider.tsx): it adds its listeners and takes them off again,
 * and leaves the board instead of disconnecting. `start()` without a socket opens
 * its own (Node tests and tools); only then does it connect and disconnect.
 */
import { io, type ManagerOptions, type SocketOptions } from "socket.io-client";
import {
  BoardEvent,
  BoardLimits,
  type BoardDelta,
  type BoardElement,
  type BoardMeta,
  type BoardRole,
  type BoardState,
  type BoardVotes,
  type JoinAck,
  type PeerPresence,
  type UpdateAck,
  type Viewport,
  isAllowedElementType,
  typeRefusal,
} from "./board-protocol";
import { BoardReplica, createFlushScheduler, createThrottle } from "./board-sync";
import { changedObjectCount } from "./board-elements";
import { HANDSHAKE_REFUSED, HANDSHAKE_RETRY_MS, handshakeRefusedMessage, ServerEvent, type Ack } from "~/realtime/events";
import { listen, type ClientSocket, type ServerToClientEvents } from "~/realtime/server-events";

export type ConnectionStatus = "connecting" | "connected" | "reconnecting" | "offline" | "refused";

export const connectionLabels: Record<ConnectionStatus, string> = {
  connecting: "Verbinden…",
  connected: "Verbonden",
  reconnecting: "Opnieuw verbinden…",
  offline: "Offline — je wijzigingen worden bewaard",
  refused: "Geen toegang tot dit bord",
};

/** How long to wait for an ack before treating the message as lost (it is resent after reconnecting). */
const ACK_TIMEOUT_MS = 10_000;

export type FacilitateAction =
  | { type: "follow"; viewport: Viewport | null }
  | { type: "timer"; seconds: number | null; label?: string }
  | { type: "lock"; locked: boolean }
  | { type: "private"; enabled: boolean }
  | { type: "reveal" }
  | { type: "voting"; open: boolean; votesPerParticipant?: number }
  | { type: "clear-votes" };

export type PortalListener = {
  /** Elements changed by others (or the server). `replaceAll`: the whole scene is `portal.elements()` now. */
  elements(changed: BoardElement[], replaceAll: boolean): void;
  status(status: ConnectionStatus): void;
  joined(ack: JoinAck): void;
  meta(meta: BoardMeta): void;
  votes(votes: Record<string, number>, myVotesLeft: number | undefined): void;
  peer(presence: PeerPresence): void;
  peerLeft(userId: string): void;
  /** A Dutch message for the user (a refused change, no access). */
  problem(message: string): void;
  /** How many things (a note with its text counts once) have local changes the server has not acknowledged yet. */
  unsaved(count: number): void;
  /** Local changes were queued (the replica changed). */
  changedLocally(): void;
};

export class BoardPortal {
  readonly replica = new BoardReplica();
  private socket: ClientSocket | null = null;
  /** Whether this portal opened the socket (and so may connect and disconnect it). */
  private ownsSocket = false;
  /** Takes this portal's listeners off the socket again. */
  private removers: Array<() => void> = [];
  /** A pending rejoin after a failed state load. */
  private rejoinTimer: ReturnType<typeof setTimeout> | null = null;
  private joined = false;
  private buffered: BoardDelta[] | null = null;
  private seq = 0;
  private stopped = false;
  /** Ids of elements of a type we do not offer that the user was already told about. */
  private readonly refusedTypes = new Set<string>();
  private readonly scheduler = createFlushScheduler(() => this.flush(), BoardLimits.ROOM_FLUSH_MIN_INTERVAL_MS);
  private readonly presenceThrottle = createThrottle(
    (payload: object) => this.socket?.volatile.emit(BoardEvent.presence, payload),
    BoardLimits.PRESENCE_MIN_INTERVAL_MS,
  );
  role: BoardRole = "view";
  meta: BoardMeta | null = null;
  votes: Record<string, number> = {};
  myVotesLeft: number | undefined;
  me: JoinAck["me"] | null = null;

  constructor(
    readonly boardId: string,
    private readonly listener: PortalListener,
    /** For clients outside the page (tests, tools): where to connect, extra socket options, how to fetch the state. */
    private readonly options: { url?: string; socket?: Partial<ManagerOptions & SocketOptions>; fetch?: typeof fetch } = {},
  ) {}

  /** The socket, for tests that cut the connection. */
  get connection(): ClientSocket | null {
    return this.socket;
  }

  /**
   * Starts syncing. `shared`: the tab's socket, used as it is (joined at once when
   * connected, again on every reconnect). Without it the portal opens its own.
   */
  start(shared?: ClientSocket): void {
    this.stopped = false;
    this.listener.status("connecting");
    const socket: ClientSocket = shared ?? io(this.options.url ?? "", { withCredentials: true, ...this.options.socket });
    this.socket = socket;
    this.ownsSocket = !shared;
    const on = <E extends keyof ServerToClientEvents>(event: E, handler: ServerToClientEvents[E]) =>
      this.removers.push(listen(socket, event, handler));
    const onConnect = () => {
      if (this.rejoinTimer) clearTimeout(this.rejoinTimer);
      this.rejoinTimer = null;
      void this.join();
    };
    const onDisconnect = () => this.lost();
    const onConnectError = (error: Error) => {
      if (error.message === "unauthorized") {
        this.listener.problem("Je bent niet (meer) ingelogd. Log opnieuw in om verder te werken; je wijzigingen worden zolang bewaard.");
      } else if (error.message === HANDSHAKE_REFUSED) {
        this.listener.problem(handshakeRefusedMessage);
        // A refused handshake is not retried by socket.io itself; a shared socket's owner retries it.
        if (this.ownsSocket)
          setTimeout(
            () => {
              if (!this.stopped && this.socket === socket && !socket.connected) socket.connect();
            },
            HANDSHAKE_RETRY_MS + Math.random() * HANDSHAKE_RETRY_MS,
          );
      }
      this.lost();
    };
    socket.on("connect", onConnect);
    socket.on("disconnect", onDisconnect);
    socket.on("connect_error", onConnectError);
    this.removers.push(() => {
      socket.off("connect", onConnect);
      socket.off("disconnect", onDisconnect);
      socket.off("connect_error", onConnectError);
    });
    on(BoardEvent.delta, (delta) => {
      if (delta.boardId !== this.boardId) return;
      if (this.buffered) this.buffered.push(delta);
      else this.applyDelta(delta);
    });
    on(BoardEvent.meta, (event) => {
      if (event.boardId !== this.boardId) return;
      this.meta = event.meta;
      this.listener.meta(event.meta);
    });
    on(BoardEvent.votes, (event) => {
      if (event.boardId !== this.boardId) return;
      this.votes = event.votes;
      if (event.myVotesLeft !== undefined) this.myVotesLeft = event.myVotesLeft;
      this.listener.votes(this.votes, this.myVotesLeft);
    });
    on(BoardEvent.peerPresence, (presence) => {
      if (presence.boardId === this.boardId) this.listener.peer(presence);
    });
    on(BoardEvent.peerLeft, (left) => {
      if (left.boardId === this.boardId) this.listener.peerLeft(left.userId);
    });
    on(ServerEvent.accessRevoked, (event) => {
      if (event.kind !== "board" || event.id !== this.boardId) return;
      this.joined = false;
      this.listener.status("refused");
      this.listener.problem(
        "Je hebt geen toegang meer tot dit bord. Wijzigingen die nog niet waren opgeslagen, worden niet meer verstuurd.",
      );
    });
    on(ServerEvent.sessionEnded, () => {
      this.listener.problem("Je bent uitgelogd. Log opnieuw in om verder te werken; je wijzigingen worden zolang bewaard.");
    });
    on(BoardEvent.restored, (event) => {
      if (event.boardId !== this.boardId) return;
      this.listener.problem(
        event.reason === "storage"
          ? "De opslag van de server is vol: de laatste wijzigingen op dit bord zijn niet bewaard. Het bord toont weer wat bewaard is."
          : "Een begeleider heeft een eerdere versie van dit bord teruggezet.",
      );
      void this.loadState(true);
    });
    // The shared socket's owner handles going offline for every consumer (socket-provider.tsx).
    if (this.ownsSocket && typeof window !== "undefined") {
      window.addEventListener("offline", this.onOffline);
      window.addEventListener("online", this.onOnline);
    }
    if (socket.connected) void this.join();
  }

  /** Stops syncing: leaves the board, and closes the socket only if the portal opened it. */
  stop(): void {
    this.stopped = true;
    this.scheduler.cancel();
    this.presenceThrottle.cancel();
    if (this.rejoinTimer) clearTimeout(this.rejoinTimer);
    this.rejoinTimer = null;
    if (this.ownsSocket && typeof window !== "undefined") {
      window.removeEventListener("offline", this.onOffline);
      window.removeEventListener("online", this.onOnline);
    }
    for (const remove of this.removers.splice(0)) remove();
    // A shared socket may have joined without having loaded the state yet: leave anyway.
    if ((this.joined || !this.ownsSocket) && this.socket?.connected) this.socket.emit(BoardEvent.leave, { boardId: this.boardId });
    if (this.ownsSocket) this.socket?.disconnect();
    this.socket = null;
    this.joined = false;
  }

  /** Every element the client knows, tombstones included. */
  elements(): BoardElement[] {
    return this.replica.all();
  }

  /** Local changes from the editor or the outline: queued and sent soon. */
  change(elements: readonly BoardElement[]): void {
    // Types the product does not offer (a pasted image, an embed) would refuse the whole update: never sent.
    const offered = elements.filter((e) => isAllowedElementType(e.type));
    if (offered.length < elements.length) {
      const fresh = elements.find((e) => !isAllowedElementType(e.type) && !e.isDeleted && !this.refusedTypes.has(e.id));
      if (fresh) {
        this.refusedTypes.add(fresh.id);
        this.listener.problem(typeRefusal(fresh.type));
      }
    }
    if (this.replica.applyLocal(offered) === 0) return;
    this.listener.changedLocally();
    this.listener.unsaved(changedObjectCount(this.replica.unacknowledgedElements()));
    this.scheduler.request();
  }

  presence(pointer: { x: number; y: number } | null, selectedIds: string[], viewport?: Viewport): void {
    if (!this.joined) return;
    this.presenceThrottle.call({
      boardId: this.boardId,
      pointer,
      selectedIds: selectedIds.slice(0, BoardLimits.MAX_SELECTED_IDS),
      ...(viewport ? { viewport } : {}),
    });
  }

  facilitate(action: FacilitateAction): Promise<Ack<unknown>> {
    return this.request(BoardEvent.facilitate, { boardId: this.boardId, action });
  }

  async vote(elementId: string, add: boolean): Promise<Ack<unknown>> {
    const ack = await this.request<BoardVotes | unknown>(BoardEvent.vote, { boardId: this.boardId, elementId, add });
    if (ack.ok && ack.data && typeof ack.data === "object" && "votes" in ack.data) {
      const data = ack.data as BoardVotes;
      this.votes = data.votes;
      if (data.myVotesLeft !== undefined) this.myVotesLeft = data.myVotesLeft;
      this.listener.votes(this.votes, this.myVotesLeft);
    }
    return ack;
  }

  private request<T>(event: string, payload: object): Promise<Ack<T>> {
    const socket = this.socket;
    if (!socket?.connected)
      return Promise.resolve({ ok: false, error: { code: "internal", message: "Geen verbinding met de server. Probeer het zo opnieuw." } });
    return new Promise((resolve) => {
      socket.timeout(ACK_TIMEOUT_MS).emit(event, payload, (error: Error | null, ack: Ack<T>) => {
        resolve(error ? { ok: false, error: { code: "internal", message: "De server antwoordt niet. Probeer het zo opnieuw." } } : ack);
      });
    });
  }

  /**
   * The browser knows it lost the network before socket.io's ping timeout (up to
   * 45 s) does: close the socket at once, so the status is honest and local
   * changes are queued, and reconnect as soon as the network is back.
   */
  private onOffline = () => {
    this.socket?.disconnect();
    this.lost();
  };

  private onOnline = () => {
    if (this.socket && !this.socket.connected) this.socket.connect();
  };

  private lost(): void {
    if (this.stopped) return;
    this.joined = false;
    this.buffered = null;
    this.replica.requeueInflight();
    this.listener.status(typeof navigator !== "undefined" && navigator.onLine === false ? "offline" : "reconnecting");
  }

  private async join(): Promise<void> {
    const socket = this.socket;
    const ack = await this.request<JoinAck>(BoardEvent.join, { boardId: this.boardId });
    if (this.stopped || this.socket !== socket) {
      // Stopped while the join was on its way: the leave may have overtaken it.
      if (ack.ok && socket?.connected) socket.emit(BoardEvent.leave, { boardId: this.boardId });
      return;
    }
    if (!ack.ok) {
      this.listener.status("refused");
      this.listener.problem(ack.error.message);
      return;
    }
    this.role = ack.data.role;
    this.meta = ack.data.meta;
    this.me = ack.data.me;
    this.listener.joined(ack.data);
    this.listener.meta(ack.data.meta);
    await this.loadState(false, ack.data.stateUrl);
  }

  private stateUrl = "";
  private failedLoads = 0;

  /** Fetches the authoritative state; deltas that arrive meanwhile are buffered and applied after it. */
  private async loadState(replaceAll: boolean, stateUrl = this.stateUrl): Promise<void> {
    this.stateUrl = stateUrl;
    this.buffered = [];
    let state: BoardState;
    try {
      const response = await (this.options.fetch ?? fetch)(new URL(stateUrl, this.options.url ?? window.location.href).toString(), {
        credentials: "same-origin",
        headers: { accept: "application/json" },
      });
      if (!response.ok) throw new Error(`status ${response.status}`);
      state = (await response.json()) as BoardState;
    } catch {
      this.buffered = null;
      this.listener.problem("Het bord kon niet geladen worden. We proberen het zo opnieuw.");
      // Leave, and join again after a growing pause (1 s, 2 s, … 30 s), so a failing server is
      // not hammered. The socket stays up: other parts of the page share it. A reconnect
      // meanwhile joins at once and cancels the pause.
      const wait = Math.min(30_000, 1000 * 2 ** this.failedLoads++);
      this.joined = false;
      if (this.socket?.connected) this.socket.emit(BoardEvent.leave, { boardId: this.boardId });
      this.listener.status("reconnecting");
      if (this.rejoinTimer) clearTimeout(this.rejoinTimer);
      this.rejoinTimer = setTimeout(() => {
        this.rejoinTimer = null;
        if (!this.stopped && this.socket?.connected) void this.join();
      }, wait);
      return;
    }
    this.failedLoads = 0;
    if (replaceAll) {
      // A restore: the server's state is the truth; drop what was known, keep unsent work.
      const unsent = this.replica.takeBatches().flatMap((b) => b.elements);
      (this as { replica: BoardReplica }).replica = new BoardReplica();
      this.replica.applyRemote(state.elements);
      this.replica.applyLocal(unsent.filter((e) => !this.replica.get(e.id)));
    } else {
      this.replica.resync(state.elements);
    }
    this.seq = state.seq;
    this.votes = state.votes ?? {};
    // Not in the contract's BoardState (yet): taken when a server sends it.
    const left = (state as BoardState & { myVotesLeft?: number }).myVotesLeft;
    if (typeof left === "number") this.myVotesLeft = left;
    this.meta = state.meta ?? this.meta;
    const waiting = this.buffered ?? [];
    this.buffered = null;
    for (const delta of waiting) if (delta.seq > state.seq) this.replica.applyRemote(delta.elements);
    this.joined = true;
    this.listener.elements(this.replica.all(), true);
    if (this.meta) this.listener.meta(this.meta);
    this.listener.votes(this.votes, this.myVotesLeft);
    this.listener.status("connected");
    this.listener.unsaved(changedObjectCount(this.replica.unacknowledgedElements()));
    if (this.replica.hasPending()) this.scheduler.request();
  }

  private applyDelta(delta: BoardDelta): void {
    if (delta.seq > this.seq) this.seq = delta.seq;
    const changed = this.replica.applyRemote(delta.elements);
    if (changed.length) this.listener.elements(changed, false);
  }

  private flush(): void {
    if (!this.joined || !this.socket?.connected) return;
    for (const { batch, elements } of this.replica.takeBatches()) {
      void this.request<UpdateAck>(BoardEvent.update, { boardId: this.boardId, elements }).then((ack) => {
        if (ack.ok) {
          this.replica.acknowledge(batch);
        } else if (ack.error.code === "rate_limited" || ack.error.code === "internal") {
          // Not the change's fault (busy, or the server's disk is full: board:restored says so): try again a little later.
          this.replica.requeueInflightBatch(batch);
          setTimeout(() => this.scheduler.request(), 500);
        } else {
          // Refused for good (locked board, invalid element): go back to the server's version.
          const refused = this.replica.refuse(batch);
          this.listener.problem(ack.error.message);
          this.replica.forget(refused.map((e) => e.id));
          void this.loadState(true);
        }
        this.listener.unsaved(changedObjectCount(this.replica.unacknowledgedElements()));
      });
    }
  }
}
