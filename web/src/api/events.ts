/**
 * The server's event stream (`/api/v1/events`): one WebSocket, reconnected with backoff, fanned out to
 * listeners. Event payload types are the generated schema components the server documents.
 */
import type { Schemas } from "./client";

export type ServerEvent =
  | Schemas["BatchEnqueued"]
  | Schemas["BoardChanged"]
  | Schemas["ImageAdded"]
  | Schemas["ImagesDeleted"]
  | Schemas["ImagesUpdated"]
  | Schemas["InstallJobChanged"]
  | Schemas["ModelCacheEmptied"]
  | Schemas["ModelEvicted"]
  | Schemas["ModelLoadCompleted"]
  | Schemas["ModelLoadFailed"]
  | Schemas["ModelLoadStarted"]
  | Schemas["ModelRecordChanged"]
  | Schemas["NodeCompleted"]
  | Schemas["NodeFailed"]
  | Schemas["NodeProgress"]
  | Schemas["NodeStarted"]
  | Schemas["QueueCleared"]
  | Schemas["QueueItemStatusChanged"]
  | Schemas["QueueItemsCanceled"]
  | Schemas["StylePresetChanged"]
  | Schemas["WorkerStatusChanged"]
  | Schemas["ZipProgress"];

export type EventType = ServerEvent["type"];
export type EventOf<T extends EventType> = Extract<ServerEvent, { type: T }>;

export type ConnectionState = "connecting" | "open" | "closed";

type Listener = (event: ServerEvent) => void;
type StateListener = (state: ConnectionState, reconnected: boolean) => void;

/** Delay before reconnect attempt `n` (0-based): 0.5 s doubling up to 8 s. */
export function reconnectDelay(attempt: number): number {
  return Math.min(8000, 500 * 2 ** attempt);
}

export function eventsUrl(location: { protocol: string; host: string }): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/api/v1/events`;
}

/** Parses one message; anything that is not an object with a string `type` is ignored. */
export function parseEvent(data: unknown): ServerEvent | null {
  if (typeof data !== "string") return null;
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string") {
      return value as ServerEvent;
    }
  } catch {
    return null;
  }
  return null;
}

export class EventStream {
  private socket: WebSocket | null = null;
  private listeners = new Set<Listener>();
  private stateListeners = new Set<StateListener>();
  private attempt = 0;
  private everOpened = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(private readonly url: string) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.socket?.close();
    this.socket = null;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onState(listener: StateListener): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  private connect(): void {
    this.emitState("connecting", false);
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      const reconnected = this.everOpened;
      this.everOpened = true;
      this.attempt = 0;
      this.emitState("open", reconnected);
    };
    socket.onmessage = (message) => {
      const event = parseEvent(message.data);
      if (event) this.listeners.forEach((listener) => listener(event));
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.emitState("closed", false);
      if (!this.stopped) this.timer = setTimeout(() => this.connect(), reconnectDelay(this.attempt++));
    };
  }

  private emitState(state: ConnectionState, reconnected: boolean): void {
    this.stateListeners.forEach((listener) => listener(state, reconnected));
  }
}
