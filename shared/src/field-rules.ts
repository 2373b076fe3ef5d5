import { z } from 'zod';

/**
 * Rules shared by every schema that takes ids or short text from outside: commands, follow-up
 * commands and restored backups. Self-contained, so that each schema file can import it.
 */

/**
 * What an id may look like: what the server generates (26 lowercase letters and digits), the
 * built-in review criteria (`victim-centredness`) and the browser's document ids (hex). Ids go
 * into URLs, tokens (`<participantId>.<secret>`) and file names, so no dot, slash or space.
 */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const Id = z
  .string({ error: 'An id must be text' })
  .regex(ID_PATTERN, { error: 'An id has only letters, digits, - and _ (at most 64)' });

/** Bidi embeddings, overrides and isolates: they can make a name read as something else. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * A character that shows: not a format, separator or control character, not a combining mark
 * on its own, not unassigned or private, and not one of the letters that draw nothing
 * (Hangul fillers, the braille blank).
 */
const VISIBLE = /[^\p{Cf}\p{Z}\p{Cc}\p{M}\p{Cn}\p{Co}\p{Cs}\u115F\u1160\u3164\uFFA0\u2800]/u;

export const hasVisibleCharacter = (s: string): boolean => VISIBLE.test(s);
export const stripBidiControls = (s: string): string => s.replace(BIDI_CONTROLS, '');

/**
 * Required text that a person reads (names, titles, group names, questions): trimmed, bidi
 * controls removed, and at least one visible character.
 */
export const visibleText = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text` })
    .transform(stripBidiControls)
    .pipe(
      z
        .string()
        .trim()
        .min(1, { error: `${label} is required` })
        .max(max, { error: `${label} must be at most ${max} characters` })
        .refine(hasVisibleCharacter, { error: `${label} must have a visible character` }),
    );

/**
 * Optional text (city, organisation, notes): trimmed, bidi controls removed; empty, or with at
 * least one visible character. No default: a patch that leaves it out leaves it unchanged.
 */
export const optionalVisibleText = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text` })
    .transform(stripBidiControls)
    .pipe(
      z
        .string()
        .trim()
        .max(max, { error: `${label} must be at most ${max} characters` })
        .refine((s) => s === '' || hasVisibleCharacter(s), {
          error: `${label} must be empty or have a visible character`,
        }),
    );
