// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface Error {
      message: string;
    }
    // interface Locals {}
    // interface PageData {}
    // interface PageState {}
    /** adapter-node's: the Node request, on which Plenary's server hands form actions its services. */
    interface Platform {
      req?: { plenary?: import('@plenary/shared').EntryServices };
    }
  }
}

export {};
