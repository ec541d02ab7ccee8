/**
 * Why a single sign-on did not finish, in words for the sign-in page. The server sends only
 * the code (in the sign-in page's address), so no one can put other words on that page.
 */
export const SIGN_ON_PROBLEMS = {
  not_configured: "Single sign-on is not set up here.",
  provider_unavailable:
    "The identity provider could not be reached or answered something unusable; try again later.",
  wrong_issuer:
    "The identity provider answered as a different issuer than the one configured (OKR_OIDC_ISSUER); an admin must correct the setting.",
  provider_refused: "The identity provider refused the sign-in.",
  expired: "The sign-in took too long or was already finished; start again.",
  state_mismatch:
    "This answer does not belong to the sign-in started in this browser (state did not match); start again.",
  code_rejected:
    "The identity provider refused the sign-in code: it expired or was already used. Start again.",
  id_token_invalid:
    "The identity provider's ID token failed verification (signature, issuer, audience or time); sign-in refused.",
  nonce_mismatch:
    "The ID token was not issued for this sign-in (nonce did not match); sign-in refused.",
  email_missing: "The identity provider did not tell us your email address.",
  email_unverified:
    "Your identity provider has not verified your email address, so it cannot be matched to an account.",
  email_domain: "Your email address is not in a domain allowed to sign in here.",
  account_disabled: "This account is disabled; ask an admin to enable it.",
} as const;

export type SignOnProblem = keyof typeof SIGN_ON_PROBLEMS;

/** The message for a problem code from the address bar; undefined for anything else. */
export function signOnProblemMessage(code: string | null | undefined): string | undefined {
  return code && Object.hasOwn(SIGN_ON_PROBLEMS, code)
    ? SIGN_ON_PROBLEMS[code as SignOnProblem]
    : undefined;
}
