/**
 * A studio that listens beyond loopback asks for its access token. The browser holds it as an HttpOnly
 * cookie (set by the server's sign-in page or a `?token=` link), so the UI never sees the token itself:
 * when the server answers 401 (no cookie yet, or the server was restarted with a new token), the UI sends
 * the user to the sign-in page, which brings them back to where they were.
 */

/** The sign-in page's address for a user who is at `path` + `search`. */
export function signInUrl(path: string, search: string): string {
  return `/login?next=${encodeURIComponent(path + search)}`;
}

let leaving = false;

/** Goes to the sign-in page when `response` says the token is missing; true when it did. */
export function signInIfRefused(response: Response): boolean {
  if (response.status !== 401 || typeof window === "undefined") return false;
  if (!leaving) {
    leaving = true;
    window.location.assign(signInUrl(window.location.pathname, window.location.search));
  }
  return true;
}
