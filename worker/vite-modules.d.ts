// What Vite resolves for the worker bundle (tools/vite-prelude.ts, tools/vite-samples.ts and `?url`);
// declared here because the worker project does not load `vite/client`,
// which would bring the DOM types in.
declare module 'virtual:spacetimedb-prelude' {
  /** The bundled `spacetimedb` library (`worker/build/prelude.ts`). */
  const prelude: string;
  export default prelude;
}

declare module 'virtual:sample-builds' {
  /** The samples compiled ahead of time, with their client bindings (tools/vite-samples.ts). */
  const prebuilt: import('./build/prebuilt.ts').Prebuilt;
  export default prebuilt;
}

declare module '*?url' {
  const url: string;
  export default url;
}
