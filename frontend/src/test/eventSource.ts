// A stand-in for the browser's EventSource: tests push `log` and `status` events by hand.
export class FakeEventSource {
  static instances: FakeEventSource[] = [];
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  readonly url: string;
  readyState = FakeEventSource.CONNECTING;
  private listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();

  constructor(url: string) {
    this.url = url;
    FakeEventSource.instances.push(this);
  }

  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.readyState = FakeEventSource.CLOSED;
  }

  emit(type: string, data: unknown = "", id?: string): void {
    if (type === "open") this.readyState = FakeEventSource.OPEN;
    const event = new MessageEvent<string>(type, { data: typeof data === "string" ? data : JSON.stringify(data), lastEventId: id ?? "" });
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }

  static latest(): FakeEventSource {
    const source = FakeEventSource.instances.at(-1);
    if (!source) throw new Error("no EventSource was opened");
    return source;
  }
}

export function logLine(seq: number, line: string, stream = "status") {
  return { seq, stream, line, created_at: "2026-01-02T03:04:05Z" };
}
