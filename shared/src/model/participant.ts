import { z } from 'zod';
import { LIMITS as L } from '../limits.js';
import { LOCALES } from '../locales.js';
import { str, time, id } from './fields.js';

/** A participant as stored: what they gave when joining (nothing more is asked). */
export const ParticipantSchema = z.object({
  id,
  name: str(L.name).min(1),
  /** ISO 3166-1 alpha-2 code. */
  country: str(8),
  city: str(L.city),
  organisation: str(L.organisation),
  /** The person's job or function, e.g. "Labour inspector". */
  role: str(L.role),
  /** The language their screens are in, once they chose one or joined with one. */
  language: z.enum(LOCALES).optional(),
  /** sha256 of the secret part of the participant's token; the token itself is never stored. */
  tokenHash: z.string(),
  joinedAt: time,
});

export type Participant = z.output<typeof ParticipantSchema>;
