// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface Error {
      message: string;
    }
    interface Locals {
      /** The language this request's page is rendered in (hooks.server.ts). */
      locale: import('@plenary/shared').Locale;
    }
    // interface PageData {}
    // interface PageState {}
    /** adapter-node's: the Node request, on which Plenary's server hands form actions its services. */
    interface Platform {
      req?: { plenary?: import('@plenary/shared').EntryServices };
    }
  }
}

export {};
