/** What the bench and a target process say to each other over IPC. */
export type TargetRequest =
  | { readonly type: 'usage'; readonly id: number; readonly collect: boolean }
  | { readonly type: 'profile-start'; readonly id: number; readonly intervalMicros: number }
  | { readonly type: 'profile-stop'; readonly id: number; readonly file: string }
  | { readonly type: 'stop'; readonly id: number };

export type TargetReply =
  | { readonly type: 'ready'; readonly url: string }
  | {
      readonly type: 'usage';
      readonly id: number;
      readonly cpuMicros: number;
      readonly rss: number;
      readonly heapUsed: number;
      readonly external: number;
    }
  | { readonly type: 'done'; readonly id: number };

export interface Usage {
  readonly cpuMicros: number;
  readonly rss: number;
  readonly heapUsed: number;
  /** Memory outside the JS heap that V8 knows of (Buffers, native objects held by JS). */
  readonly external: number;
}
