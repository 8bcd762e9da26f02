// What Vite's `vite/client` types declare for `?url` imports (so the page typechecks without vite).
declare module "*?url" {
  const url: string;
  export default url;
}
