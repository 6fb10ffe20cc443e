// What Vite resolves for the worker bundle (tools/vite-prelude.ts and `?url`);
// declared here because the worker project does not load `vite/client`,
// which would bring the DOM types in.
declare module 'virtual:spacetimedb-prelude' {
  /** The bundled `spacetimedb` library (`worker/build/prelude.ts`). */
  const prelude: string;
  export default prelude;
}

declare module '*?url' {
  const url: string;
  export default url;
}
