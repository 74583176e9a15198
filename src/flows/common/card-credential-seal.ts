/**
 * The associated data that binds a sealed card credential to its card, shared by whoever
 * seals (seeding, the admin API) and whoever opens it (the challenge), so a sealed secret
 * copied onto another card cannot be opened there.
 */

/** Associated data for a card's sealed TOTP secret. */
export function totpSealContext(cardId: string): string {
  return `totp/${cardId}`;
}
