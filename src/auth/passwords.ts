// Password hashing with argon2id (OWASP-recommended parameters).
import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

const ARGON2ID = 2; // Algorithm.Argon2id (const enum, not importable under isolatedModules)

export const hashPassword = (password: string): Promise<string> =>
  hash(password, { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 });

export const verifyPassword = async (stored: string, password: string): Promise<boolean> => {
  try {
    return await verify(stored, password);
  } catch (err) {
    // A malformed stored hash is a data problem, never a successful login.
    console.error('password verify failed:', (err as Error).message);
    return false;
  }
};

/** A readable random password: 4 groups of 4 from an alphabet without look-alikes, always policy-compliant. */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789';
  for (;;) {
    const bytes = randomBytes(16);
    let s = '';
    for (let i = 0; i < 16; i++) {
      s += alphabet[bytes[i]! % alphabet.length];
      if (i % 4 === 3 && i < 15) s += '-';
    }
    // Lower, upper and digit together with the '-' separators: four classes (redraw the rare miss).
    if (/[a-z]/.test(s) && /[A-Z]/.test(s) && /\d/.test(s)) return s;
  }
}

export { PASSWORD_MIN_LENGTH as PASSWORD_MIN } from './password-policy.js';
