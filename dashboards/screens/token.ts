/** A display token as issued and as it appears in a wall screen's URL: `fcd_` + 43 base64url characters (32 random bytes). */
export const DISPLAY_TOKEN = /^fcd_[A-Za-z0-9_-]{43}$/;
