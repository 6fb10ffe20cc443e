/** The hooks object a 2.x module returns from `default[moduleHooks](namespace)` (sys.d.ts `ModuleHooks`). */
export type ModuleHooks = {
  __describe_module__(): Uint8Array;
  __get_error_constructor__(code: number): new (msg: string) => Error;
  readonly __sender_error_class__: new (msg: string) => Error;
  __call_reducer__(reducerId: number, sender: bigint, connId: bigint, timestamp: bigint, argsBuf: DataView): unknown;
  __call_view__(id: number, sender: bigint, args: Uint8Array): Uint8Array | { data: Uint8Array };
  __call_view_anon__(id: number, args: Uint8Array): Uint8Array | { data: Uint8Array };
  __call_procedure__(id: number, sender: bigint, connId: bigint, timestamp: bigint, args: Uint8Array): Uint8Array;
  __call_http_handler__?(id: number, timestamp: bigint, request: Uint8Array, body: Uint8Array): [Uint8Array, Uint8Array];
};

/** Hooks the host requires (upstream `get_hooks` in crates/core/src/host/v8/mod.rs). */
export const REQUIRED_HOOKS = [
  '__describe_module__',
  '__get_error_constructor__',
  '__call_reducer__',
  '__call_view__',
  '__call_view_anon__',
  '__call_procedure__',
] as const;
