import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from '@plenary/shared';

/** 32 random bytes (256 bits), URL-safe. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/** 16 random bytes as 26 lowercase base32-ish characters: ids that are not guessable. */
export const newId = (): string => {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(16);
  let out = '';
  for (const b of bytes) out += alphabet[b & 31];
  return out;
};

export const newJoinCode = (): string => {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++)
    code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
};

/** Secrets are high-entropy, so one sha256 is enough; it keeps a stolen data file from granting access. */
export const hashSecret = (secret: string): string =>
  createHash('sha256').update(secret).digest('base64url');

/** Compares a presented secret with a stored hash in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret));
  const b = Buffer.from(storedHash);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Participant tokens are `<participantId>.<secret>`: the id finds the record, the secret proves it. */
export const participantToken = (participantId: string, secret: string) =>
  `${participantId}.${secret}`;

export function splitParticipantToken(
  token: string,
): { participantId: string; secret: string } | undefined {
  const dot = token.indexOf('.');
  if (dot <= 0 || dot === token.length - 1) return undefined;
  return { participantId: token.slice(0, dot), secret: token.slice(dot + 1) };
}

/** Seed for anonymous ballot keys: differs from the stored token hash, so it cannot be derived from it. */
export const ballotSeed = (tokenSecret: string): string =>
  createHash('sha256').update(`ballot-seed:${tokenSecret}`).digest('base64url');

export const ballotKey = (seed: string, pollId: string): string =>
  createHash('sha256').update(`${seed}:${pollId}`).digest('base64url');
